"""The review API as reviewers, leads and others use it."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from review.models import audit
from tests.conftest import audit_actions, token
from tests.review.conftest import emitted, lead, reviewer, wait_for

API = "/api/review/v1"
MATERIAL_OPINION = {"element": "materials[0]", "aspect": "legality",
                    "text": "申请表缺少设定依据，请补充法律条款。"}
LIMIT_OPINION = {"element": "committed_limit", "aspect": "reasonableness",
                 "text": "承诺时限可由10个工作日压减至5个工作日。"}


def brief(point: dict[str, Any]) -> dict[str, Any]:
    """What a point of the letter says, without its anchor and merging details."""
    return {k: point[k] for k in ("number", "element", "aspect", "text", "reviewer")}


def test_groups_list_the_windows_each_owns(client: TestClient) -> None:
    groups = client.get(f"{API}/groups", headers=reviewer()).json()

    assert [(g["code"], g["name"], g["windows"], g["is_default"]) for g in groups] == [
        ("G1", "审核一组", ["investment", "planning"], True),
        ("G2", "审核二组", ["industry", "supervision"], False),
        ("G3", "审核三组", ["social"], False),
    ]


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/groups"), ("get", "/cases"), ("get", "/cases/1"),
    ("post", "/cases/1/opinions"), ("post", "/cases/1/feedback"),
    ("post", "/groups"), ("put", "/groups/G1"), ("get", "/routing"), ("get", "/routing/preview"),
    ("post", "/routing/rules"), ("put", "/routing/rules/1"), ("post", "/routing/rules/1/move"),
    ("delete", "/routing/rules/1"), ("put", "/routing/default"), ("post", "/cases/1/route"),
    ("get", "/cases/1/consolidation"), ("post", "/cases/1/conflicts"),
    ("get", "/cases/1/letter.pdf"), ("get", "/metrics"),
])
def test_requests_without_a_token_are_unauthorized(client: TestClient, method: str,
                                                   path: str) -> None:
    response = client.request(method, API + path, json={})

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("role", ["applicant", "editor", "clerk", "publisher"])
def test_people_outside_review_are_forbidden(client: TestClient, role: str) -> None:
    headers = token(role, department="11430100707230200T")

    assert client.get(f"{API}/groups", headers=headers).status_code == 403
    assert client.get(f"{API}/cases", headers=headers).status_code == 403
    assert client.get(f"{API}/routing", headers=headers).status_code == 403
    assert client.get(f"{API}/routing/preview", headers=headers).status_code == 403
    assert client.get(f"{API}/metrics", headers=headers).status_code == 403
    assert client.get(f"{API}/cases/1/consolidation", headers=headers).status_code == 403


def test_a_reviewer_cannot_issue_the_feedback(client: TestClient,
                                              open_case: Callable[..., int]) -> None:
    case_id = open_case()

    response = client.post(f"{API}/cases/{case_id}/feedback", headers=reviewer(),
                           json={"decision": "approved", "summary": ""})

    assert response.status_code == 403
    assert client.get(f"{API}/cases/{case_id}", headers=reviewer()).json()["state"] == "open"


def test_another_groups_case_is_not_found(client: TestClient,
                                          open_case: Callable[..., int]) -> None:
    case_id = open_case(window="planning")  # G1's

    assert client.get(f"{API}/cases/{case_id}", headers=reviewer("G2")).status_code == 404
    assert client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer("G2"),
                       json=MATERIAL_OPINION).status_code == 404
    assert client.post(f"{API}/cases/{case_id}/feedback", headers=lead("G2"),
                       json={"decision": "approved"}).status_code == 404
    assert client.get(f"{API}/cases", headers=lead("G2")).json() == []
    assert client.get(f"{API}/cases/{case_id}", headers=reviewer("G1")).status_code == 200


def test_supervisors_read_every_case_but_record_no_opinion(
        client: TestClient, open_case: Callable[..., int]) -> None:
    case_id = open_case(window="social")
    supervisor = token("supervisor", sub="supervisor")

    assert [c["id"] for c in client.get(f"{API}/cases", headers=supervisor).json()] == [case_id]
    assert client.post(f"{API}/cases/{case_id}/opinions", headers=supervisor,
                       json=MATERIAL_OPINION).status_code == 403


@pytest.mark.parametrize("body", [
    {},
    MATERIAL_OPINION | {"aspect": "style"},
    MATERIAL_OPINION | {"text": ""},
    MATERIAL_OPINION | {"text": "   "},
    MATERIAL_OPINION | {"text": "字" * 2001},
    MATERIAL_OPINION | {"element": ""},
    MATERIAL_OPINION | {"element": "m" * 201},
    MATERIAL_OPINION | {"text": "含\x00字符"},
    MATERIAL_OPINION | {"severity": "high"},
    {"element": "materials[0]", "aspect": "legality"},
    ["materials[0]"],
])
def test_invalid_opinions_are_refused(client: TestClient, open_case: Callable[..., int],
                                      body: Any) -> None:
    case_id = open_case()

    response = client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer(), json=body)

    assert response.status_code == 422
    assert response.json()["errors"]
    case = client.get(f"{API}/cases/{case_id}", headers=reviewer()).json()
    assert case["opinion_count"] == 0


@pytest.mark.parametrize("path", [
    "/cases/abc", "/cases/0", "/cases/99999999999", "/cases?state=pending",
])
def test_bad_addresses_are_refused_not_crashed(client: TestClient, path: str) -> None:
    assert client.get(API + path, headers=reviewer()).status_code == 422


def test_an_unknown_case_is_not_found(client: TestClient) -> None:
    assert client.get(f"{API}/cases/12345", headers=token("admin")).status_code == 404


def test_opinions_gather_into_one_consolidated_feedback(
        client: TestClient, open_case: Callable[..., int], db_url: str,
        deliveries: list[dict[str, Any]]) -> None:
    case_id = open_case()
    first = client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer(),
                        json=MATERIAL_OPINION)
    second = client.post(f"{API}/cases/{case_id}/opinions", headers=lead(), json=LIMIT_OPINION)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["reviewer_name"] == "reviewer-G1"

    letter = client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                         json={"decision": "returned", "summary": "请逐条答复后重新提交。"})

    assert letter.status_code == 201
    gathered = [MATERIAL_OPINION | {"number": 1, "reviewer": "reviewer-G1"},
                LIMIT_OPINION | {"number": 2, "reviewer": "lead-G1"}]
    assert [brief(p) for p in letter.json()["opinions"]] == gathered
    assert letter.json()["opinions"][0]["row_name"] == "建设工程规划许可申请表"
    case = client.get(f"{API}/cases/{case_id}", headers=reviewer()).json()
    assert (case["state"], case["decision"], case["opinion_count"]) == ("closed", "returned", 2)
    assert case["feedback"]["summary"] == "请逐条答复后重新提交。"
    assert client.get(f"{API}/cases?state=open", headers=reviewer()).json() == []
    assert [c["id"] for c in client.get(f"{API}/cases?state=closed",
                                        headers=reviewer()).json()] == [case_id]
    [concluded] = emitted(db_url, "review.concluded")
    assert [brief(p) for p in concluded["feedback"].pop("opinions")] == gathered
    assert concluded == {"implementation_code": case["implementation_code"], "version": 1,
                         "case_id": case_id, "decision": "returned",
                         "feedback": {"summary": "请逐条答复后重新提交。", "lead": "lead-G1",
                                      "case_id": case_id, "round": 1}}
    assert wait_for(lambda: [d for d in deliveries
                             if d["envelope"]["payload"]["case_id"] == case_id
                             and d["envelope"]["type"] == "review.concluded"]), "catalog never told"
    assert audit_actions(db_url, audit, entity="review_case", entity_id=str(case_id)) == [
        "case.opened", "case.precheck_passed", "case.to_group", "opinion.recorded",
        "opinion.recorded", "case.returned"]


def test_a_closed_case_takes_no_more_opinions_nor_a_second_letter(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    case_id = open_case()
    assert client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                       json={"decision": "approved"}).status_code == 201

    again = client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                        json={"decision": "returned", "summary": "改判"})
    late = client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer(),
                       json=MATERIAL_OPINION)

    assert (again.status_code, late.status_code) == (409, 409)
    case = client.get(f"{API}/cases/{case_id}", headers=reviewer()).json()
    assert (case["decision"], case["opinion_count"]) == ("approved", 0)
    assert [e["decision"] for e in emitted(db_url, "review.concluded")] == ["approved"]


def test_returning_a_standard_needs_an_opinion_or_a_summary(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    case_id = open_case()

    empty = client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                        json={"decision": "returned", "summary": "   "})

    assert empty.status_code == 422
    assert client.get(f"{API}/cases/{case_id}", headers=lead()).json()["state"] == "open"
    assert emitted(db_url, "review.concluded") == []


@pytest.mark.parametrize("body", [{"decision": "maybe"}, {}, {"decision": "approved",
                                                                "summary": "x" * 4001}])
def test_invalid_feedback_is_refused(client: TestClient, open_case: Callable[..., int],
                                     body: dict[str, Any]) -> None:
    case_id = open_case()

    assert client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                       json=body).status_code == 422
    assert client.get(f"{API}/cases/{case_id}", headers=lead()).json()["state"] == "open"
