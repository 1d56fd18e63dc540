"""The review group's pages over real HTTP: a case belongs to its group."""

import time
from typing import Any

import httpx

from tests.gateway.pages.matter_forms import matter_form
from tests.live import signed_in


def wait_for_case(client: httpx.Client, code: str) -> dict[str, Any]:
    """The review case opened for `code` once the outbox relay has delivered the submission."""
    for _ in range(50):
        cases = client.get("/api/review/v1/cases").json()
        found = [c for c in cases if c["implementation_code"] == code]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no review case for {code}")


def test_a_reviewer_cannot_open_another_groups_case(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    form = matter_form("430103-01-9004", csrf, window="industry", name="产业窗口试点事项")
    assert editor.post("/editor/matters/new", data=form).status_code == 303
    submitted = editor.post("/editor/matters/430103-01-9004/versions/1/submit",
                            data={"csrf_token": csrf})
    assert submitted.status_code == 303
    admin, _ = signed_in(work_url, "admin")
    case = wait_for_case(admin, "430103-01-9004")
    assert case["group"] == "G2"
    reviewer, _ = signed_in(work_url, "reviewer")
    answer = reviewer.get(f"/review/cases/{case['id']}")
    assert answer.status_code == 404
    assert "出错了" in answer.text and "产业窗口试点事项" not in answer.text
    assert "产业窗口试点事项" not in reviewer.get("/review/cases").text
