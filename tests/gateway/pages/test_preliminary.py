"""The preliminary check's pages over real HTTP: the technical guidance group sees what awaits
it with the linter's findings, returns a standard with reasons the department then reads, or
passes it on to its review group."""

import time
from typing import Any

import httpx

from tests.gateway.pages.matter_forms import matter_form
from tests.live import signed_in


def submit(work_url: str, code: str, name: str, **changes: Any) -> None:
    editor, csrf = signed_in(work_url, "editor")
    form = matter_form(code, csrf, name=name, **changes)
    assert editor.post("/editor/matters/new", data=form).status_code == 303
    answer = editor.post(f"/editor/matters/{code}/versions/1/submit", data={"csrf_token": csrf})
    assert answer.status_code == 303


def waiting_case(client: httpx.Client, code: str) -> dict[str, Any]:
    """The case awaiting the check once the outbox relay has delivered the submission."""
    for _ in range(50):
        found = [c for c in client.get("/api/review/v1/preliminary/cases").json()
                 if c["implementation_code"] == code]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no case awaits the preliminary check for {code}")


def test_a_returned_standard_reaches_the_department_with_the_reasons(work_url: str) -> None:
    code, name = "430103-01-9481", "初审退回试点事项"
    # a vague clause is a warning, not an error: it may be submitted, and the check returns it
    submit(work_url, code, name, **{"materials-0-notes": "必要时提供原件"})
    guidance, csrf = signed_in(work_url, "guidance")
    case = waiting_case(guidance, code)

    queue = guidance.get("/review/preliminary")
    page = guidance.get(f"/review/preliminary/{case['id']}")

    assert queue.status_code == 200 and name in queue.text
    assert page.status_code == 200
    assert "自动检查" in page.text and "提交初审结论" in page.text and "提交审核" in page.text
    unexplained = guidance.post(f"/review/preliminary/{case['id']}/check",
                                data={"csrf_token": csrf, "result": "returned", "reasons": ""})
    assert unexplained.status_code == 422 and "请写明需要补正或修改的内容" in unexplained.text
    returned = guidance.post(f"/review/preliminary/{case['id']}/check", headers={
        "HX-Request": "true"}, data={"csrf_token": csrf, "result": "returned",
                                      "reasons": "申请材料备注含模糊表述，请列明具体情形。"})
    assert returned.status_code == 200 and "已退回部门" in returned.text
    assert "初审退回" in returned.text and "提交初审结论" not in returned.text
    editor, _ = signed_in(work_url, "editor")
    for _ in range(50):
        versions = editor.get(f"/editor/matters/{code}").text
        if "初审退回意见" in versions:
            break
        time.sleep(0.2)
    assert "初审退回意见" in versions and "请列明具体情形" in versions


def test_a_passed_standard_goes_to_its_review_group(work_url: str) -> None:
    code, name = "430103-01-9482", "初审通过试点事项"
    submit(work_url, code, name)
    guidance, csrf = signed_in(work_url, "guidance")
    case = waiting_case(guidance, code)
    reviewer, _ = signed_in(work_url, "reviewer")
    assert name not in reviewer.get("/review/cases").text

    passed = guidance.post(f"/review/preliminary/{case['id']}/check",
                           data={"csrf_token": csrf, "result": "passed", "reasons": ""})

    assert passed.status_code == 303
    assert name in reviewer.get("/review/cases").text
    page = guidance.get(f"/review/preliminary/{case['id']}").text
    assert "初审通过，转联审" in page and "转审核组联审" in page
    assert name in guidance.get("/review/preliminary").text  # among the recently checked
    again = guidance.post(f"/review/preliminary/{case['id']}/check",
                          data={"csrf_token": csrf, "result": "returned", "reasons": "再议"})
    assert again.status_code == 409
