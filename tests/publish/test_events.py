"""Catalog's events feed the public read model: once each, newest version wins."""

from typing import Any

from fastapi.testclient import TestClient

from tests.publish.conftest import (
    CATALOG,
    VISITOR,
    Deliver,
    Publish,
    cancelled,
    matter_document,
    published,
)

CODE = "11430100707230200T-XK-0001"


def power_list(client: TestClient, **params: Any) -> dict[str, Any]:
    return client.get("/api/publish/v1/power-list", params=params, headers=VISITOR).json()


def history(client: TestClient, code: str = CODE) -> list[tuple[int, str]]:
    response = client.get(f"/api/publish/v1/guides/{code}/history", headers=VISITOR)
    return [(v["version"], v["status"]) for v in response.json()["items"]]


def test_a_published_matter_appears_in_the_power_list_and_its_guide(
        client: TestClient, publish: Publish) -> None:
    publish(matter_document(CODE))

    page = power_list(client)
    guide = client.get(f"/api/publish/v1/guides/{CODE}", headers=VISITOR).json()

    assert page["total"] == 1
    assert page["items"][0] == {
        "implementation_code": CODE, "name": "建设工程规划许可证核发", "matter_type": "01",
        "department": {"code": "11430100707230200T", "name": "自然资源和规划局"},
        "window": "planning", "committed_limit": 10, "statutory_limit": 20,
        "limit_unit": "working_day", "online": True, "version": 1,
        "published_at": "2026-11-11T01:30:00Z"}
    assert guide["department_name"] == "自然资源和规划局"
    assert guide["materials"][0]["name"] == "建设工程规划许可申请表"
    assert guide["legal_basis"][0]["article"] == "第四十条"


def test_a_newer_version_replaces_the_guide_and_the_old_one_stays_in_history(
        client: TestClient, publish: Publish) -> None:
    publish(matter_document(CODE, version=1), matter_document(CODE, version=2, committed=5))

    guide = client.get(f"/api/publish/v1/guides/{CODE}", headers=VISITOR).json()

    assert (guide["version"], guide["committed_limit"]) == (2, 5)
    assert history(client) == [(2, "current"), (1, "superseded")]


def test_a_delayed_older_version_does_not_overwrite_a_newer_one(
        client: TestClient, publish: Publish) -> None:
    publish(matter_document(CODE, version=3, committed=5),
            matter_document(CODE, version=2, committed=8))

    item = power_list(client)["items"][0]

    assert (item["version"], item["committed_limit"]) == (3, 5)
    assert history(client) == [(3, "current"), (2, "superseded")]


def test_cancellation_removes_the_matter_from_every_list(
        client: TestClient, publish: Publish, deliver: Deliver) -> None:
    publish(matter_document(CODE), matter_document("114301007072304006-XK-0002",
                                                   name="食品经营许可", window="industry"))

    assert deliver(cancelled(CODE, 1)).status_code == 200

    for path in ("power-list", "responsibility-list", "process-list"):
        listed = client.get(f"/api/publish/v1/{path}", headers=VISITOR).json()["items"]
        assert [i["implementation_code"] for i in listed] == ["114301007072304006-XK-0002"]
    assert client.get(f"/api/publish/v1/guides/{CODE}", headers=VISITOR).status_code == 404
    assert history(client) == [(1, "cancelled")]


def test_a_publication_delayed_past_its_cancellation_stays_off_the_lists(
        client: TestClient, publish: Publish, deliver: Deliver) -> None:
    publish(matter_document(CODE, version=1))
    deliver(cancelled(CODE, 2))

    publish(matter_document(CODE, version=2))

    assert power_list(client)["total"] == 0
    assert history(client) == [(2, "cancelled"), (1, "superseded")]


def test_a_version_published_after_a_cancellation_is_listed_again(
        client: TestClient, publish: Publish, deliver: Deliver) -> None:
    publish(matter_document(CODE, version=1))
    deliver(cancelled(CODE, 1))

    publish(matter_document(CODE, version=2))

    assert [i["version"] for i in power_list(client)["items"]] == [2]


def test_a_duplicate_event_is_applied_once(client: TestClient, deliver: Deliver) -> None:
    event = published(matter_document(CODE, version=1))
    later = published(matter_document(CODE, version=2))

    first = deliver(event)
    deliver(later)
    again = deliver(event)

    assert (first.json(), again.json()) == ({"status": "applied"}, {"status": "duplicate"})
    assert history(client) == [(2, "current"), (1, "superseded")]


def test_a_malformed_event_is_refused_and_can_be_delivered_again(
        client: TestClient, deliver: Deliver) -> None:
    document = matter_document(CODE)
    del document["steps"]
    event = published(document)

    refused = deliver(event)
    event["payload"]["matter"] = matter_document(CODE)
    accepted = deliver(event)

    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert accepted.json() == {"status": "applied"}


def test_only_services_deliver_events(client: TestClient) -> None:
    response = client.post("/internal/events", json=published(matter_document(CODE)),
                           headers=VISITOR)

    assert response.status_code == 403
    assert client.post("/internal/events", json={}, headers=CATALOG).status_code == 422
