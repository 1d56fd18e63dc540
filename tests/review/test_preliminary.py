"""The preliminary check (初审): a submitted standard waits for the technical guidance group,
which passes it to its review group or returns it to the department with the reasons."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from review.models import audit
from tests.conftest import audit_actions, token
from tests.review.conftest import emitted, guidance, lead, reviewer, wait_for

API = "/api/review/v1"
OPINION = {"element": "materials[0]", "aspect": "legality", "text": "缺少设定依据。"}
REASONS = "申请材料缺少格式要求；办理流程未写明各环节时限。"


def check(client: TestClient, case_id: int, result: str, reasons: str = "",
          headers: dict[str, str] | None = None) -> Any:
    return client.post(f"{API}/preliminary/cases/{case_id}/check",
                       headers=headers or guidance(), json={"result": result, "reasons": reasons})


def test_a_submission_waits_for_the_check_before_its_group_may_act(
        client: TestClient, submitted_case: Callable[..., int]) -> None:
    case_id = submitted_case(window="planning")

    case = client.get(f"{API}/cases/{case_id}", headers=reviewer("G1")).json()
    assert (case["state"], case["group"]) == ("precheck", "G1")
    waiting = client.get(f"{API}/preliminary/cases", headers=guidance()).json()
    assert [c["id"] for c in waiting] == [case_id]
    refused = client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer("G1"),
                          json=OPINION)
    assert refused.status_code == 409 and "preliminary check" in refused.json()["detail"]
    assert client.post(f"{API}/cases/{case_id}/feedback", headers=lead("G1"),
                       json={"decision": "approved"}).status_code == 409
    assert [c["id"] for c in client.get(f"{API}/cases", params={"state": "precheck"},
                                        headers=reviewer("G1")).json()] == [case_id]


def test_a_passed_case_goes_to_its_group_and_its_history_says_so(
        client: TestClient, submitted_case: Callable[..., int], db_url: str) -> None:
    case_id = submitted_case(window="social")

    passed = check(client, case_id, "passed")

    assert passed.status_code == 201
    assert (passed.json()["result"], passed.json()["checker_name"]) == ("passed", "guidance")
    assert client.get(f"{API}/cases/{case_id}", headers=reviewer("G3")).json()["state"] == "open"
    assert client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer("G3"),
                       json=OPINION).status_code == 201
    assert client.get(f"{API}/preliminary/cases", headers=guidance()).json() == []
    checked = client.get(f"{API}/preliminary/cases", params={"checked": True},
                         headers=guidance()).json()
    assert [(c["id"], c["check"]["result"]) for c in checked] == [(case_id, "passed")]
    view = client.get(f"{API}/preliminary/cases/{case_id}", headers=reviewer("G3")).json()
    assert view["check"]["result"] == "passed"
    assert [s["action"] for s in view["history"]] == [
        "case.opened", "case.precheck_passed", "case.to_group", "opinion.recorded"]
    assert audit_actions(db_url, audit, entity="review_case", entity_id=str(case_id))[:3] == [
        "case.opened", "case.precheck_passed", "case.to_group"]
    assert emitted(db_url, "review.concluded") == []


def test_a_returned_case_goes_back_to_the_department_with_the_reasons(
        client: TestClient, submitted_case: Callable[..., int], db_url: str,
        deliveries: list[dict[str, Any]]) -> None:
    case_id = submitted_case()

    returned = check(client, case_id, "returned", REASONS)

    assert returned.status_code == 201
    case = client.get(f"{API}/cases/{case_id}", headers=reviewer("G1")).json()
    assert (case["state"], case["decision"]) == ("closed", "returned")
    told = wait_for(lambda: [d["envelope"]["payload"] for d in deliveries
                             if d["envelope"]["type"] == "review.concluded"])
    assert told == [{"implementation_code": case["implementation_code"], "version": 1,
                     "case_id": case_id, "decision": "returned",
                     "feedback": {"summary": REASONS, "lead": "guidance", "opinions": [],
                                  "stage": "preliminary"}}]
    assert audit_actions(db_url, audit, entity="review_case", entity_id=str(case_id)) == [
        "case.opened", "case.precheck_returned", "case.returned"]


def test_returning_needs_the_reasons_and_a_case_is_checked_once(
        client: TestClient, submitted_case: Callable[..., int]) -> None:
    case_id = submitted_case()

    unexplained = check(client, case_id, "returned", "   ")
    assert unexplained.status_code == 422
    assert client.get(f"{API}/cases/{case_id}", headers=guidance()).json()["state"] == "precheck"
    assert check(client, case_id, "passed").status_code == 201
    again = check(client, case_id, "returned", REASONS)
    assert again.status_code == 409
    assert check(client, 999999, "passed").status_code == 404
    assert check(client, case_id, "maybe").status_code == 422


def test_the_answer_to_the_joint_review_goes_straight_to_the_group(
        client: TestClient, open_case: Callable[..., int],
        submitted_case: Callable[..., int]) -> None:
    first = open_case()
    returned = client.post(f"{API}/cases/{first}/feedback", headers=lead(),
                           json={"decision": "returned", "summary": "请压减承诺时限"})
    assert returned.status_code == 201

    second = submitted_case(committed_limit=5)

    case = client.get(f"{API}/cases/{second}", headers=reviewer()).json()
    assert (case["round"], case["state"]) == (2, "open")


def test_a_resubmission_after_a_preliminary_return_is_checked_again(
        client: TestClient, submitted_case: Callable[..., int]) -> None:
    first = submitted_case()
    assert check(client, first, "returned", REASONS).status_code == 201

    second = submitted_case(committed_limit=5)

    case = client.get(f"{API}/cases/{second}", headers=guidance()).json()
    assert (case["round"], case["state"]) == (2, "precheck")


@pytest.mark.parametrize("role", ["reviewer", "lead", "admin", "supervisor", "editor"])
def test_only_the_guidance_group_checks(client: TestClient, submitted_case: Callable[..., int],
                                        role: str) -> None:
    case_id = submitted_case()

    headers = token(role, sub=role, group="G1", department="11430100707230200T")
    assert check(client, case_id, "passed", headers=headers).status_code == 403
    assert client.get(f"{API}/cases/{case_id}", headers=guidance()).json()["state"] == "precheck"


@pytest.mark.parametrize(("role", "status"), [
    ("guidance", 200), ("admin", 200), ("supervisor", 200), ("reviewer", 403), ("editor", 403),
    ("applicant", 403)])
def test_who_lists_the_cases_awaiting_the_check(client: TestClient, role: str,
                                                status: int) -> None:
    headers = token(role, sub=role, group="G1", department="11430100707230200T")
    assert client.get(f"{API}/preliminary/cases", headers=headers).status_code == status


def test_another_groups_reviewer_does_not_see_the_check(
        client: TestClient, submitted_case: Callable[..., int]) -> None:
    case_id = submitted_case(window="planning")

    assert client.get(f"{API}/preliminary/cases/{case_id}",
                      headers=reviewer("G2")).status_code == 404
    assert client.get(f"{API}/preliminary/cases/{case_id}",
                      headers=reviewer("G1")).status_code == 200
    assert client.get(f"{API}/preliminary/cases/{case_id}",
                      headers=token("editor", department="11430100707230200T")).status_code == 403


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/preliminary/cases"), ("get", "/preliminary/cases/1"),
    ("post", "/preliminary/cases/1/check")])
def test_the_check_needs_a_token(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, API + path, json={})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_the_guidance_group_reads_the_groups_its_queue_names(client: TestClient) -> None:
    # The preliminary queue shows which group each case goes to: it reads the group list.
    groups = client.get(f"{API}/groups", headers=guidance())
    assert groups.status_code == 200 and {g["code"] for g in groups.json()} >= {"G1"}
    assert client.post(f"{API}/groups", headers=guidance(),
                       json={"code": "G9", "name": "x", "domains": "", "windows": []}
                       ).status_code == 403
