"""Joint sign-off (并联审批) through the pages, over real HTTP on a platform with the demo zone:
the co-handling approvers' to-do and answer form, the lead's card, the applicant's page."""

import re

import httpx

from gateway import demo_joint
from tests.gateway.pages.matter_forms import matter_form
from tests.live import signed_in


def test_departments_sign_off_seen_by_each_other_the_lead_and_the_applicant(
        work_url: str) -> None:
    case = demo_joint.file_case(work_url, wait=60)
    assert case is not None
    ecology, csrf = signed_in(work_url, "approver-ecology")
    todo = ecology.get("/signoffs")
    assert todo.status_code == 200 and case["case_number"] in todo.text
    found = re.search(r'href="/signoffs/(\d+)"', todo.text)
    assert found is not None
    page = f"/signoffs/{found[1]}"
    shown = ecology.get(page).text
    assert demo_joint.CONDITIONS in shown and "附条件同意" in shown and "签署意见" in shown

    unexplained = ecology.post(f"{page}/answer", data={"csrf_token": csrf, "choice": "refused"})
    assert unexplained.status_code == 422 and "不同意须写明理由" in unexplained.text
    reasons = "选址与生态保护红线重叠。"
    answered = ecology.post(f"{page}/answer", data={"csrf_token": csrf, "choice": "refused",
                                                    "remark": reasons})
    assert answered.status_code == 303
    after = ecology.get(answered.headers["location"]).text
    assert reasons in after and "已全部签署" in after and 'name="choice"' not in after
    again = ecology.post(f"{page}/answer", data={"csrf_token": csrf, "choice": "agreed"})
    assert again.status_code == 409

    lead, _ = signed_in(work_url, "approver")
    card = lead.get("/approver/applications").text
    assert reasons in card and demo_joint.CONDITIONS in card
    housing, _ = signed_in(work_url, "approver-housing")
    assert housing.post(f"{page}/answer", data={"csrf_token": csrf}).status_code == 403

    applicant, _ = signed_in(work_url, "enterprise")
    mine = applicant.get(f"/my/applications/{case['id']}").text
    assert "并联审批" in mine and "住房和城乡建设局" in mine and "不同意" in mine
    assert reasons not in mine and demo_joint.CONDITIONS not in mine
    with httpx.Client(base_url=work_url) as anyone:
        public = anyone.get("/progress", params={"case_number": case["case_number"],
                                                 "code": case["query_code"]}).text
    assert "并联审批" in public and "生态环境局" in public and reasons not in public


def test_the_lead_is_told_to_wait_and_a_stranger_sees_no_sign_off(work_url: str) -> None:
    stranger, _ = signed_in(work_url, "approver-ecology")
    assert stranger.get("/signoffs/999999").status_code == 404
    supervisor, _ = signed_in(work_url, "supervisor")
    assert supervisor.get("/signoffs").status_code == 200
    with httpx.Client(base_url=work_url) as anonymous:
        assert anonymous.get("/signoffs").status_code == 303


def test_the_editor_names_each_co_handling_departments_step_and_days(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    housing, ecology = "11430100707230300G", "11430100707230500U"
    new = editor.get("/editor/matters/new").text
    assert f'name="co_handling_departments-{housing}-step"' in new and "联办时限" in new
    form = matter_form("430103-01-9601", csrf) | {
        "co_handling_departments": [housing, ecology],
        f"co_handling_departments-{housing}-step": "农房质量安全审查",
        f"co_handling_departments-{housing}-limit": "2",
        f"co_handling_departments-{ecology}-limit": "9"}
    too_long = editor.post("/editor/matters/new", data=form)
    assert too_long.status_code == 422 and "联办部门的时限不能超过承诺办结时限" in too_long.text
    form[f"co_handling_departments-{ecology}-limit"] = ""
    assert editor.post("/editor/matters/new", data=form).status_code == 303
    stored = editor.get("/api/catalog/v1/matters/430103-01-9601/versions/1").json()["standard"]
    assert [(d["name"], d["step"], d["limit"]) for d in stored["co_handling_departments"]] == [
        ("住房和城乡建设局", "农房质量安全审查", 2), ("生态环境局", None, None)]
    edit = editor.get("/editor/matters/430103-01-9601/versions/1/edit").text
    assert 'value="农房质量安全审查"' in edit
