"""Review by persons over real HTTP: the lead hands out the parts of a case on the board, the
reviewer finds it under "my cases" with its deadline, and the case page shows the desk (parts,
the linter's findings, the diff against the version in force) and the case's own history."""

import re

import httpx

from tests.gateway.pages.matter_forms import matter_form
from tests.gateway.pages.test_review import wait_for_case
from tests.live import signed_in

IN_FORCE = "430103-01-0007"  # 商品房预售许可: one version in force, on the planning window


def submitted_case(url: str, code: str, name: str) -> dict[str, object]:
    """A new matter of the planning window submitted by the editor: its G1 review case."""
    editor, csrf = signed_in(url, "editor")
    form = matter_form(code, csrf, name=name, conditions="申请材料齐全\n必要时提供补充说明")
    assert editor.post("/editor/matters/new", data=form).status_code == 303
    assert editor.post(f"/editor/matters/{code}/versions/1/submit",
                       data={"csrf_token": csrf}).status_code == 303
    admin, _ = signed_in(url, "admin")
    return passed(url, wait_for_case(admin, code))


def passed(url: str, case: dict[str, object]) -> dict[str, object]:
    """The case once the guidance group passed its preliminary check: open in its group."""
    guidance, csrf = signed_in(url, "guidance")
    checked = guidance.post(f"/api/review/v1/preliminary/cases/{case['id']}/check",
                            json={"result": "passed"}, headers={"X-CSRF-Token": csrf})
    assert checked.status_code == 201, checked.text
    return dict(guidance.get(f"/api/review/v1/cases/{case['id']}").json())


def test_the_lead_assigns_parts_and_the_reviewer_finds_them_under_my_cases(
        work_url: str) -> None:
    case = submitted_case(work_url, "430103-01-9501", "分工试点事项")
    lead, csrf = signed_in(work_url, "lead")
    board = lead.get("/review/board").text
    assert "本组看板" in board and "分工试点事项" in board and "孙立新" in board

    saved = lead.post(f"/review/cases/{case['id']}/assignments",
                      data={"csrf_token": csrf, "materials": "reviewer", "conditions": "g1r1"})
    assert saved.status_code == 303 and saved.headers["location"].endswith(f"#case-{case['id']}")

    reviewer, _ = signed_in(work_url, "reviewer")
    mine = reviewer.get("/review/my").text
    assert "分工试点事项" in mine and "申请材料" in mine and "受理条件" not in mine
    assert re.search(r"还剩 \d 个工作日|今天到期", mine)
    page = reviewer.get(f"/review/cases/{case['id']}").text
    assert "分工与期限" in page and "王审核" in page and "孙立新" in page and "组长指定" in page
    # A vague condition: the linter warns, with its code, beside the standard.
    findings = page[page.index('id="findings"'):page.index('id="in-force"')]
    assert "vague-clause" in findings and "必要时" in findings
    assert "尚无现行版本" in page
    history = page[page.index("办理记录"):]
    assert "收到提交并分派到组" in history and "赵组长" in history and "分配审核人" in history


def test_only_the_lead_assigns_and_a_bad_choice_is_shown_on_the_board(work_url: str) -> None:
    case = submitted_case(work_url, "430103-01-9502", "改派试点事项")
    reviewer, csrf = signed_in(work_url, "reviewer")
    assert reviewer.post(f"/review/cases/{case['id']}/assignments",
                         data={"csrf_token": csrf, "materials": "g1r1"}).status_code == 403
    lead, csrf = signed_in(work_url, "lead")

    refused = lead.post(f"/review/cases/{case['id']}/assignments",
                        data={"csrf_token": csrf, "materials": "g2r1"},
                        headers={"HX-Request": "true"})
    assert refused.status_code == 422 and "g2r1" in refused.text and "<html" not in refused.text

    spread = lead.post(f"/review/cases/{case['id']}/assignments/rule",
                       data={"csrf_token": csrf, "rule": "least_load"},
                       headers={"HX-Request": "true"})
    assert spread.status_code == 200 and "已按规则分配" in spread.text
    answer = lead.get(f"/api/review/v1/cases/{case['id']}/assignments").json()
    assert all(p["reviewer"] for p in answer["parts"])


def test_a_new_version_of_a_matter_in_force_shows_its_diff_on_the_desk(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    assert admin.post(f"/editor/matters/{IN_FORCE}/versions",
                      data={"csrf_token": csrf}).status_code == 303
    number = max(v["version"] for v in admin.get(
        f"/api/catalog/v1/matters/{IN_FORCE}").json()["versions"])
    form = admin.get(f"/editor/matters/{IN_FORCE}/versions/{number}/edit")
    assert form.status_code == 200
    version = admin.get(f"/api/catalog/v1/matters/{IN_FORCE}/versions/{number}")
    standard = version.json()["standard"] | {"committed_limit": 5}
    saved = admin.put(f"/api/catalog/v1/matters/{IN_FORCE}/versions/{number}", json=standard,
                      headers={"If-Match": version.headers["etag"], "X-CSRF-Token": csrf})
    assert saved.status_code == 200, saved.text
    assert admin.post(f"/editor/matters/{IN_FORCE}/versions/{number}/submit",
                      data={"csrf_token": csrf}).status_code == 303
    case = passed(work_url, wait_for_case(admin, IN_FORCE))

    lead, _ = signed_in(work_url, "lead")
    page = lead.get(f"/review/cases/{case['id']}").text
    start = page.index("与现行版本比较")
    desk = page[start:page.index("办理记录", start)]
    assert f"现行第 {number - 1} 版 → 送审第 {number} 版" in desk
    assert "承诺办结时限" in desk and "<ins>5</ins>" in desk


def test_the_board_is_the_leads_and_my_cases_the_reviewers(work_url: str) -> None:
    for username, path in (("editor", "/review/board"), ("reviewer", "/review/board"),
                           ("supervisor", "/review/my")):
        client, _ = signed_in(work_url, username)
        assert client.get(path).status_code == 403, (username, path)
    supervisor, _ = signed_in(work_url, "supervisor")
    assert "审核三组" in supervisor.get("/review/board", params={"group": "G3"}).text
    assert httpx.get(f"{work_url}/review/my", follow_redirects=False).status_code == 303
