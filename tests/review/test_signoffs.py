"""Review's side of joint sign-off (并联审批): opened once per application from intake's event,
who may read and answer, and what goes back to intake."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.conftest import token
from tests.review.conftest import emitted

API = "/api/review/v1"
HOUSING = {"code": "11430100707230300G", "name": "住房和城乡建设局"}
ECOLOGY = {"code": "11430100707230500U", "name": "生态环境局"}
HOUSING_APPROVER = token("approver", sub="approver-housing", department=HOUSING["code"])


def opened(application_id: int = 7, **changes: Any) -> dict[str, Any]:
    """The payload of `application.joint_opened`."""
    return {"application_id": application_id,
            "case_number": f"430103-20261201-{application_id:05d}",
            "implementation_code": "430103-01-0003", "version": 1,
            "matter_name": "乡村建设规划许可证核发",
            "lead_department": {"code": "11430100707230200T", "name": "自然资源和规划局"},
            "accepted_on": "2026-12-01", "due_date": "2026-12-15",
            "departments": [HOUSING | {"step": "质量安全审查", "deadline": "2026-12-08"},
                            ECOLOGY | {"step": None, "deadline": "2026-12-08"}]} | changes


@pytest.fixture
def open_joint(deliver: Callable[..., httpx.Response]) -> Callable[..., httpx.Response]:
    def post(payload: dict[str, Any], event_id: str | None = None) -> httpx.Response:
        return deliver(payload, event_id=event_id, event_type="application.joint_opened")
    return post


def test_a_sign_off_opens_once_per_application_even_when_the_event_comes_again(
        client: TestClient, open_joint: Callable[..., httpx.Response]) -> None:
    assert open_joint(opened(), event_id="e-1").status_code == 200
    assert open_joint(opened(), event_id="e-1").status_code == 200  # a redelivery
    assert open_joint(opened(), event_id="e-2").status_code == 200  # the same case again
    listed = client.get(f"{API}/signoffs", headers=HOUSING_APPROVER).json()
    assert [(s["application_id"], len(s["departments"])) for s in listed] == [(7, 2)]


def test_a_malformed_opening_is_refused_and_opens_nothing(
        client: TestClient, open_joint: Callable[..., httpx.Response]) -> None:
    assert open_joint(opened(departments=[])).status_code == 422
    assert client.get(f"{API}/signoffs", headers=token("supervisor")).json() == []


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/signoffs"), ("get", "/signoffs/1"), ("post", "/signoffs/1/answer")])
def test_requests_without_a_token_are_unauthorized(client: TestClient, method: str,
                                                   path: str) -> None:
    assert client.request(method, API + path, json={}).status_code == 401


@pytest.mark.parametrize("role", ["applicant", "editor", "clerk", "reviewer", "lead", "admin",
                                  "publisher", "butler"])
def test_only_approvers_and_supervisors_read_and_only_approvers_answer(
        client: TestClient, open_joint: Callable[..., httpx.Response], role: str) -> None:
    open_joint(opened())
    headers = token(role, department=HOUSING["code"], group="G1")
    assert client.get(f"{API}/signoffs", headers=headers).status_code == 403
    assert client.get(f"{API}/signoffs/1", headers=headers).status_code == 403
    assert client.post(f"{API}/signoffs/1/answer", headers=headers,
                       json={"answer": "agreed"}).status_code == 403


def test_an_answer_goes_to_intake_with_whether_the_sign_off_is_complete(
        client: TestClient, open_joint: Callable[..., httpx.Response], db_url: str) -> None:
    open_joint(opened())
    sign_off = client.get(f"{API}/signoffs", headers=HOUSING_APPROVER).json()[0]
    unknown = client.post(f"{API}/signoffs/{sign_off['id']}/answer", headers=HOUSING_APPROVER,
                          json={"answer": "maybe"})
    assert unknown.status_code == 422
    extra = client.post(f"{API}/signoffs/{sign_off['id']}/answer", headers=HOUSING_APPROVER,
                        json={"answer": "agreed", "by": "x"})
    assert extra.status_code == 422
    assert client.post(f"{API}/signoffs/{sign_off['id']}/answer", headers=HOUSING_APPROVER,
                       json={"answer": "agreed"}).status_code == 200
    [sent] = emitted(db_url, "signoff.answered")
    assert sent["application_id"] == 7 and sent["department_code"] == HOUSING["code"]
    assert sent["answer"] == "agreed" and sent["complete"] is False
    assert sent["answered_by"] == "approver-housing"
