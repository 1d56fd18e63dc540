"""Submitted versions arrive as events: routing, idempotency, rounds, delivery to catalog."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from review.models import audit
from tests.conftest import audit_actions, token
from tests.review.conftest import (
    emitted,
    lead,
    reviewer,
    service_token,
    submission,
    wait_for,
)


def admin() -> dict[str, str]:
    return token("admin", sub="admin")


@pytest.mark.parametrize(("window", "group"), [
    ("investment", "G1"), ("planning", "G1"), ("industry", "G2"), ("supervision", "G2"),
    ("social", "G3"),
])
def test_a_submission_goes_to_the_group_owning_its_window(
        client: TestClient, open_case: Callable[..., int], window: str, group: str) -> None:
    case_id = open_case(window=window)

    case = client.get(f"/api/review/v1/cases/{case_id}", headers=reviewer(group)).json()
    assert (case["group"], case["window"], case["state"]) == (group, window, "open")
    assert window in case["routing_reason"]
    others = [g for g in ("G1", "G2", "G3") if g != group]
    for other in others:
        assert client.get("/api/review/v1/cases", headers=reviewer(other)).json() == []


def test_a_window_no_rule_matches_goes_to_the_default_group_and_says_why(
        client: TestClient, open_case: Callable[..., int]) -> None:
    case_id = open_case(window="unknown-window")

    case = client.get(f"/api/review/v1/cases/{case_id}", headers=reviewer("G1")).json()
    assert case["group"] == "G1"
    assert case["routing_reason"] == (
        "no routing rule matches (window unknown-window, department 11430100707230200T, "
        "matter type 01); default group G1")


def test_the_same_event_delivered_twice_opens_one_case(
        client: TestClient, deliver: Callable[..., httpx.Response], db_url: str) -> None:
    first = deliver(submission(), event_id="7f1c1b4e-0000-4000-8000-000000000001")
    again = deliver(submission(), event_id="7f1c1b4e-0000-4000-8000-000000000001")

    assert (first.json()["status"], again.json()["status"]) == ("applied", "duplicate")
    cases = client.get("/api/review/v1/cases", headers=admin()).json()
    assert len(cases) == 1
    assert emitted(db_url, "review.case_opened") == [
        {"implementation_code": cases[0]["implementation_code"], "version": 1,
         "case_id": cases[0]["id"]}]


def test_catalog_learns_that_the_case_is_open(
        open_case: Callable[..., int], deliveries: list[dict[str, Any]]) -> None:
    case_id = open_case()

    opened = wait_for(lambda: [d for d in deliveries
                               if d["envelope"]["type"] == "review.case_opened"])
    assert opened, "the relay never delivered review.case_opened"
    assert opened[0]["url"] == "http://catalog/internal/events"
    assert opened[0]["authorization"].startswith("Bearer ")
    assert opened[0]["envelope"]["source"] == "review"
    assert opened[0]["envelope"]["payload"]["case_id"] == case_id


def test_an_invalid_submission_is_refused_and_can_be_delivered_again_once_fixed(
        client: TestClient, deliver: Callable[..., httpx.Response]) -> None:
    broken = {k: v for k, v in submission().items() if k != "standard"}
    event_id = "7f1c1b4e-0000-4000-8000-000000000002"

    refused = deliver(broken, event_id=event_id)
    fixed = deliver(submission(), event_id=event_id)

    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert fixed.json()["status"] == "applied"
    assert len(client.get("/api/review/v1/cases", headers=admin()).json()) == 1


@pytest.mark.parametrize("payload", [[], "text", {"version": "one"}, None])
def test_malformed_payloads_are_refused_without_crashing(
        deliver: Callable[..., httpx.Response], payload: Any) -> None:
    assert deliver(payload).status_code == 422


def test_only_another_part_may_deliver_events(client: TestClient) -> None:
    envelope = {"id": "x", "type": "matter_version.submitted", "source": "catalog",
                "occurred_at": "2026-11-26T08:00:00+00:00", "payload": submission()}

    assert client.post("/internal/events", json=envelope).status_code == 401
    assert client.post("/internal/events", json=envelope, headers=lead()).status_code == 403
    assert client.get("/api/review/v1/cases", headers=admin()).json() == []
    assert client.post("/internal/events", json=envelope,
                       headers=service_token()).status_code == 200


def test_a_new_version_after_return_shows_what_changed(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    first = open_case(version=1)
    returned = client.post(f"/api/review/v1/cases/{first}/feedback", headers=lead(),
                           json={"decision": "returned", "summary": "承诺时限可再压减"})
    assert returned.status_code == 201

    second = open_case(version=2, previous_version=1, committed_limit=5)

    case = client.get(f"/api/review/v1/cases/{second}", headers=reviewer()).json()
    assert (case["version"], case["round"], case["state"]) == (2, 1, "open")
    assert case["changed_elements"] == ["committed_limit"]
    assert case["standard"]["committed_limit"] == 5


def test_resubmitting_an_open_version_supersedes_it_with_a_new_round(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    first = open_case()
    second = open_case(conditions=["已取得建设用地使用权", "已完成用地规划许可"])

    old = client.get(f"/api/review/v1/cases/{first}", headers=reviewer()).json()
    new = client.get(f"/api/review/v1/cases/{second}", headers=reviewer()).json()
    assert (old["state"], old["decision"]) == ("closed", "superseded")
    assert (new["state"], new["round"], new["changed_elements"]) == ("open", 2, ["conditions"])
    assert audit_actions(db_url, audit, entity="review_case", entity_id=str(first)) == [
        "case.opened", "case.precheck_passed", "case.to_group", "case.superseded"]
    open_ids = [c["id"] for c in client.get("/api/review/v1/cases?state=open",
                                            headers=reviewer()).json()]
    assert open_ids == [second]
