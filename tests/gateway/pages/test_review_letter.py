"""The joint review by pages, over real HTTP: a conflict flagged and ruled, the letter printed,
the department answering point by point, and round 2 shown with the answers and the rest
locked."""

import time
from typing import Any

import httpx

from tests.gateway.pages.matter_forms import matter_form
from tests.gateway.pages.test_review import wait_for_case
from tests.gateway.pages.test_review_persons import passed
from tests.intake.documents import pdf_text
from tests.live import signed_in

CODE = "430103-01-9301"


def two_materials(csrf: str) -> dict[str, Any]:
    return matter_form(CODE, csrf, name="联合审核试点事项", **{
        "materials-1-name": "营业执照", "materials-1-required": "on",
        "materials-1-form": "either", "materials-1-originals": "1", "materials-1-copies": "1",
        "materials-1-source": "applicant", "materials-1-notes": ""})


def opinion(client: httpx.Client, csrf: str, case_id: int, **fields: str) -> None:
    form = {"csrf_token": csrf, "aspect": "legality", "severity": "must_fix",
            "proposal": "", "value": "", "wording": ""} | fields
    answer = client.post(f"/review/cases/{case_id}/opinions", data=form)
    assert answer.status_code == 303, answer.text


def wait_for_state(client: httpx.Client, state: str) -> None:
    for _ in range(50):
        if client.get(f"/api/catalog/v1/matters/{CODE}/versions/1").json()["state"] == state:
            return
        time.sleep(0.2)
    raise AssertionError(f"version 1 never became {state}")


def test_a_two_round_review_with_a_conflict_and_point_by_point_answers(work_url: str) -> None:
    editor, editor_csrf = signed_in(work_url, "editor")
    assert editor.post("/editor/matters/new", data=two_materials(editor_csrf)).status_code == 303
    assert editor.post(f"/editor/matters/{CODE}/versions/1/submit",
                       data={"csrf_token": editor_csrf}).status_code == 303
    reviewer, reviewer_csrf = signed_in(work_url, "reviewer")
    lead, lead_csrf = signed_in(work_url, "lead")
    case_id = passed(work_url, wait_for_case(lead, CODE))["id"]

    opinion(reviewer, reviewer_csrf, case_id, element="materials[1]", proposal="delete",
            text="营业执照可由部门共享获取，应删除。")
    opinion(lead, lead_csrf, case_id, element="materials[1]", proposal="keep",
            text="共享尚未接通，暂时保留。")
    opinion(reviewer, reviewer_csrf, case_id, element="committed_limit", proposal="change",
            value="3", text="承诺时限可压减至3个工作日。", aspect="reasonableness")
    page = lead.get(f"/review/cases/{case_id}").text
    assert "意见冲突" in page and "待裁定" in page
    refused = lead.post(f"/review/cases/{case_id}/feedback",
                        data={"csrf_token": lead_csrf, "decision": "returned"})
    assert refused.status_code == 409 and "相互矛盾" in refused.text

    conflict = lead.get(f"/api/review/v1/cases/{case_id}/consolidation").json()["conflicts"][0]
    delete = next(p for p in conflict["proposals"] if p["proposal"] == "delete")
    ruled = lead.post(f"/review/cases/{case_id}/conflicts", data={
        "csrf_token": lead_csrf, "element": "materials[1]",
        "chosen": str(delete["opinion_id"]), "note": "以共享代替提交。"})
    assert ruled.status_code == 303
    sent = lead.post(f"/review/cases/{case_id}/feedback",
                     data={"csrf_token": lead_csrf, "decision": "returned"})
    assert sent.status_code == 303
    printed = lead.get(f"/review/cases/{case_id}/letter.pdf")
    assert printed.headers["content-type"] == "application/pdf"
    assert "1. 申请材料 第2项（营业执照）" in pdf_text(printed.content)

    wait_for_state(editor, "returned")
    versions = editor.get(f"/editor/matters/{CODE}").text
    assert "逐点答复" in versions and f"/editor/review-letters/{case_id}.pdf" in versions
    assert editor.get(f"/editor/review-letters/{case_id}.pdf").status_code == 200
    early = editor.post(f"/editor/matters/{CODE}/versions/1/submit",
                        data={"csrf_token": editor_csrf})
    assert early.status_code == 422 and "2 点审核意见未答复（第 1、2 点）" in early.text
    sheet = f"/editor/matters/{CODE}/versions/1/answers"
    assert "营业执照" in editor.get(sheet).text
    blank = editor.post(f"{sheet}/1", data={"csrf_token": editor_csrf, "kind": "explained"})
    assert blank.status_code == 422 and "请说明理由" in blank.text
    for point, form in ((1, {"kind": "explained", "reason": "共享接口年底接通，届时删除。"}),
                        (2, {"kind": "revised", "element": "committed_limit"})):
        answered = editor.post(f"{sheet}/{point}", data={"csrf_token": editor_csrf} | form)
        assert answered.status_code == 303, answered.text
    assert "已全部答复" in editor.get(sheet).text
    assert editor.post(f"/editor/matters/{CODE}/versions/1/submit",
                       data={"csrf_token": editor_csrf}).status_code == 303

    for _ in range(50):
        second = [c for c in lead.get("/api/review/v1/cases").json()
                  if c["implementation_code"] == CODE and c["round"] == 2]
        if second:
            break
        time.sleep(0.2)
    desk = reviewer.get(f"/review/cases/{second[0]['id']}").text
    for words in ("第 1 轮反馈意见及部门答复", "共享接口年底接通", "复审范围", "已锁定"):
        assert words in desk, words
    supervisor, _ = signed_in(work_url, "supervisor")
    assert "联合审核轮次" in supervisor.get("/metrics").text
