"""Publishing on an effective date: a scheduled version waits, then goes live by itself."""

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from catalog.matters import repository, service
from catalog.versions.scheduling import publish_due
from kit.auth import Principal
from kit.clock import CHINA, china_today
from kit.db import Database
from tests.builders import (
    EDITOR,
    PROVINCE,
    conclude,
    follow,
    outbox_events,
    publish_new,
    standard,
    version_states,
)
from tests.conftest import token

CODE = "430103-01-9001"
MATTER = f"/api/catalog/v1/matters/{CODE}"
REVIEWER = token("reviewer", sub="reviewer", group="G1")
StartCatalog = Callable[[], AbstractContextManager[TestClient]]


def approve_v2(client: TestClient, **changes: object) -> None:
    """Draft version 2 with `changes`, submit it and let review approve it."""
    draft = client.post(f"{MATTER}/versions", headers=EDITOR)
    assert draft.status_code == 201, draft.text
    saved = client.put(f"{MATTER}/versions/2", json=standard(**changes),
                       headers={**EDITOR, "If-Match": draft.headers["etag"]})
    assert saved.status_code == 200, saved.text
    assert client.post(f"{MATTER}/versions/2/submit", headers=EDITOR).status_code == 200
    conclude(client, CODE, 2)


def published_events(db_url: str) -> list[int]:
    return [p["matter"]["version"] for t, d, p in outbox_events(db_url)
            if t == "matter_version.published" and d == "publish"]


def tick(db_url: str, at: datetime) -> list[tuple[str, int]]:
    """One scheduler round at the instant `at`, as the lifespan's loop runs it."""
    db = Database(db_url, "catalog")
    try:
        with db.session() as s:
            return publish_due(session=s, at=at)
    finally:
        db.dispose()


def test_a_future_effective_date_waits_and_goes_live_on_that_date_by_itself(
        client: TestClient, db_url: str) -> None:
    effective = china_today() + timedelta(days=10)
    publish_new(client)
    approve_v2(client, committed_limit=3, effective_from=effective.isoformat())
    scheduled = client.post(f"{MATTER}/versions/2/publish", headers=EDITOR)
    assert scheduled.status_code == 200 and scheduled.json()["state"] == "scheduled"
    assert scheduled.json()["published_at"] is None
    assert version_states(client, CODE) == ["published", "scheduled"]
    assert client.get(MATTER, headers=EDITOR).json()["current_version"] == 1
    assert follow(client) == [("upsert", CODE, 1)]
    assert published_events(db_url) == [1]
    assert client.get(f"/api/sync/v1/matters/{CODE}", params={"version": 2},
                      headers=PROVINCE).status_code == 404

    the_day_before = datetime.combine(effective, datetime.min.time(), CHINA)
    assert tick(db_url, the_day_before - timedelta(minutes=1)) == []
    assert version_states(client, CODE) == ["published", "scheduled"]

    go_live = the_day_before + timedelta(minutes=5)
    assert tick(db_url, go_live) == [(CODE, 2)]
    assert tick(db_url, go_live + timedelta(days=1)) == []
    versions = client.get(f"{MATTER}/versions", headers=EDITOR).json()
    assert [v["state"] for v in versions] == ["superseded", "published"]
    assert versions[0]["superseded_at"] == versions[1]["published_at"]
    assert datetime.fromisoformat(versions[1]["published_at"]) == go_live
    assert client.get(MATTER, headers=EDITOR).json()["current_version"] == 2
    assert follow(client) == [("upsert", CODE, 1), ("upsert", CODE, 2)]
    assert published_events(db_url) == [1, 2]
    document = client.get(f"/api/sync/v1/matters/{CODE}", headers=PROVINCE).json()
    assert document["version"] == 2 and document["committed_limit"] == 3


def test_an_effective_date_today_or_earlier_publishes_at_once(client: TestClient) -> None:
    publish_new(client)
    approve_v2(client, effective_from=china_today().isoformat())
    published = client.post(f"{MATTER}/versions/2/publish", headers=EDITOR).json()
    assert published["state"] == "published" and published["published_at"]
    assert version_states(client, CODE) == ["superseded", "published"]


def test_the_catalogs_own_loop_publishes_a_due_version_at_start_up(
        client: TestClient, db_url: str, start_catalog: StartCatalog) -> None:
    publish_new(client)
    approve_v2(client, effective_from=china_today().isoformat())
    db = Database(db_url, "catalog")
    with db.session() as s:  # approved yesterday for today: due as the catalog starts
        matter = repository.find_matter(session=s, code=CODE)
        assert matter is not None
        row = repository.get_version(session=s, matter=matter, version=2)
        service.publish(session=s, matter=matter, row=row, actor=Principal(sub="editor"),
                        today=china_today() - timedelta(days=1))
        assert row.state == "scheduled"
    db.dispose()
    with start_catalog() as restarted:
        deadline = time.monotonic() + 10
        while (version_states(restarted, CODE) != ["superseded", "published"]
               and time.monotonic() < deadline):
            time.sleep(0.1)
        assert version_states(restarted, CODE) == ["superseded", "published"]
        assert follow(restarted) == [("upsert", CODE, 1), ("upsert", CODE, 2)]


def test_a_scheduled_version_can_be_cancelled_before_its_date(
        client: TestClient, db_url: str) -> None:
    effective = china_today() + timedelta(days=3)
    publish_new(client)
    approve_v2(client, effective_from=effective.isoformat())
    client.post(f"{MATTER}/versions/2/publish", headers=EDITOR)
    assert client.post(f"{MATTER}/versions/2/cancel", headers=EDITOR).status_code == 200
    later = datetime.combine(effective, datetime.min.time(), CHINA) + timedelta(days=1)
    assert tick(db_url, later) == []
    assert version_states(client, CODE) == ["published", "cancelled"]


def test_a_version_due_for_a_withdrawn_matter_never_goes_live(
        client: TestClient, db_url: str) -> None:
    effective = china_today() + timedelta(days=3)
    publish_new(client)
    approve_v2(client, effective_from=effective.isoformat())
    client.post(f"{MATTER}/versions/2/publish", headers=EDITOR)
    assert client.post(f"{MATTER}/cancel", headers=EDITOR).status_code == 200
    later = datetime.combine(effective, datetime.min.time(), CHINA) + timedelta(days=1)
    assert tick(db_url, later) == []
    assert version_states(client, CODE) == ["cancelled", "cancelled"]
    assert follow(client) == [("upsert", CODE, 1), ("cancel", CODE, 1)]
