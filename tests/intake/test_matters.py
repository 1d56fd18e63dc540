"""Intake's copy of published matters, fed by catalog's events: each application keeps the
version it was filed under."""

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from intake import service
from tests.conftest import envelope, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    CATALOG,
    CLERK,
    CODE,
    deliver,
    filed,
    matter_document,
    publish,
)

NEW_NAME = "建设用地规划许可证核发（告知承诺制）"


def test_an_application_keeps_the_version_it_was_filed_under(
        published: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    client = published
    old = filed(client)
    publish(client, 2, name=NEW_NAME, committed_limit=10)

    seen = client.get(f"{API}/applications/{old}", headers=APPLICANT).json()
    assert (seen["version"], seen["matter"]["committed_limit"]) == (1, 5)
    assert seen["matter_name"] == "建设用地规划许可证核发"
    new = client.get(f"{API}/applications/{filed(client)}", headers=APPLICANT).json()
    assert (new["version"], new["matter_name"]) == (2, NEW_NAME)

    monday = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    monkeypatch.setattr(service, "now", lambda: monday)
    accepted = client.post(f"{API}/applications/{old}/accept", headers=CLERK).json()
    assert accepted["due_date"] == "2026-11-30"  # five working days, not ten


def test_the_matter_list_shows_the_version_in_force(published: TestClient) -> None:
    client = published
    publish(client, 2, name=NEW_NAME)
    publish(client, 1)  # a late copy of an older version changes nothing
    listed = client.get(f"{API}/matters", headers=token("public", sub="anonymous")).json()
    assert [(m["implementation_code"], m["version"], m["name"]) for m in listed] == [
        (CODE, 2, NEW_NAME)]
    assert listed[0]["department"] == {"code": "11430100707230200T", "name": "自然资源和规划局"}
    assert client.get(f"{API}/matters").status_code == 401


def test_an_event_delivered_twice_is_applied_once(client: TestClient) -> None:
    payload = {"operation": "upsert", "matter": matter_document()}
    assert deliver(client, "matter_version.published", payload, "evt-1")["status"] == "applied"
    assert deliver(client, "matter_version.published", payload, "evt-1")["status"] == "duplicate"


def test_publishing_after_a_cancellation_reopens_the_matter(published: TestClient) -> None:
    client = published
    deliver(client, "matter.cancelled", {"implementation_code": CODE, "version": 1,
                                         "cancelled_at": "2026-11-26T10:00:00+08:00"})
    assert client.get(f"{API}/matters", headers=APPLICANT).json() == []
    publish(client, 2)
    assert [m["version"] for m in client.get(f"{API}/matters", headers=APPLICANT).json()] == [2]


def test_a_malformed_event_is_refused_not_crashed_on(client: TestClient) -> None:
    event = envelope("matter_version.published",
                     {"operation": "upsert", "matter": {"name": "缺少编码"}}, event_id="evt-bad")
    response = client.post("/internal/events", json=event, headers=CATALOG)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert client.post("/internal/events", json=event, headers=APPLICANT).status_code == 403
