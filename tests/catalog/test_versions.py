"""Versions of a matter: publishing on an effective date, cancelling, history, documents."""

import time
from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, text

from catalog import service
from catalog.config import CatalogSettings
from catalog.main import create_app
from catalog.models import Matter
from catalog.versions.clock import SHANGHAI, china_today
from catalog.versions.scheduling import publish_due
from kit.auth import Principal
from kit.db import Database
from tests.catalog.factory import (
    EDITOR,
    OTHER_EDITOR,
    PROVINCE,
    catalog_client,
    conclude,
    outbox_events,
    publish_new,
    standard,
)
from tests.catalog.test_sync import follow
from tests.conftest import token

CODE = "430103-01-9001"
MATTER = f"/api/catalog/v1/matters/{CODE}"
REVIEWER = token("reviewer", sub="reviewer", group="G1")


def approve_v2(client: TestClient, **changes: object) -> None:
    """Draft version 2 with `changes`, submit it and let review approve it."""
    draft = client.post(f"{MATTER}/versions", headers=EDITOR)
    assert draft.status_code == 201, draft.text
    saved = client.put(f"{MATTER}/versions/2", json=standard(**changes),
                       headers={**EDITOR, "If-Match": draft.headers["etag"]})
    assert saved.status_code == 200, saved.text
    assert client.post(f"{MATTER}/versions/2/submit", headers=EDITOR).status_code == 200
    conclude(client, CODE, 2)


def states(client: TestClient) -> list[str]:
    return [v["state"] for v in client.get(f"{MATTER}/versions", headers=EDITOR).json()]


def published_events(db_url: str) -> list[int]:
    return [p["matter"]["version"] for t, d, p in outbox_events(db_url)
            if t == "matter_version.published" and d == "publish"]


def tick(db_url: str, at: datetime) -> list[tuple[str, int]]:
    """One scheduler round at the instant `at`, as the lifespan's loop runs it."""
    db = Database(db_url, "catalog")
    try:
        with db.session() as s:
            return publish_due(s, at=at)
    finally:
        db.dispose()


def test_a_future_effective_date_waits_and_goes_live_on_that_date_by_itself(
        db_url: str) -> None:
    effective = china_today() + timedelta(days=10)
    with catalog_client(db_url) as client:
        publish_new(client)
        approve_v2(client, committed_limit=3, effective_from=effective.isoformat())
        scheduled = client.post(f"{MATTER}/versions/2/publish", headers=EDITOR)
        assert scheduled.status_code == 200 and scheduled.json()["state"] == "scheduled"
        assert scheduled.json()["published_at"] is None
        assert states(client) == ["published", "scheduled"]
        assert client.get(MATTER, headers=EDITOR).json()["current_version"] == 1
        assert follow(client) == [("upsert", CODE, 1)]
        assert published_events(db_url) == [1]
        assert client.get(f"/api/sync/v1/matters/{CODE}", params={"version": 2},
                          headers=PROVINCE).status_code == 404

        the_day_before = datetime.combine(effective, datetime.min.time(), SHANGHAI)
        assert tick(db_url, the_day_before - timedelta(minutes=1)) == []
        assert states(client) == ["published", "scheduled"]

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


def test_an_effective_date_today_or_earlier_publishes_at_once(db_url: str) -> None:
    with catalog_client(db_url) as client:
        publish_new(client)
        approve_v2(client, effective_from=china_today().isoformat())
        published = client.post(f"{MATTER}/versions/2/publish", headers=EDITOR).json()
        assert published["state"] == "published" and published["published_at"]
        assert states(client) == ["superseded", "published"]


def test_the_catalogs_own_loop_publishes_a_due_version_at_start_up(db_url: str) -> None:
    with catalog_client(db_url) as client:
        publish_new(client)
        approve_v2(client, effective_from=china_today().isoformat())
    db = Database(db_url, "catalog")
    with db.session() as s:  # approved yesterday for today: due as the catalog starts
        matter = s.scalars(select(Matter).where(Matter.implementation_code == CODE)).one()
        row = service.get_version(s, matter=matter, version=2)
        service.publish(s, matter=matter, row=row, actor=Principal(sub="editor"),
                        today=china_today() - timedelta(days=1))
        assert row.state == "scheduled"
    db.dispose()
    app = create_app(CatalogSettings(database_url=db_url, relay_interval=3600))
    with TestClient(app) as client:
        deadline = time.monotonic() + 10
        while states(client) != ["superseded", "published"] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert states(client) == ["superseded", "published"]
        assert follow(client) == [("upsert", CODE, 1), ("upsert", CODE, 2)]


def test_an_editor_cancels_a_draft_and_may_draft_again(db_url: str) -> None:
    with catalog_client(db_url) as client:
        publish_new(client)
        assert client.post(f"{MATTER}/versions", headers=EDITOR).status_code == 201
        assert client.post(f"{MATTER}/versions/2/cancel",
                           headers=OTHER_EDITOR).status_code == 404
        assert client.post(f"{MATTER}/versions/2/cancel", headers=REVIEWER).status_code == 403
        cancelled = client.post(f"{MATTER}/versions/2/cancel", headers=EDITOR)
        assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
        again = client.post(f"{MATTER}/versions/2/cancel", headers=EDITOR)
        assert again.status_code == 409
        assert again.headers["content-type"] == "application/problem+json"
        assert client.post(f"{MATTER}/versions/1/cancel", headers=EDITOR).status_code == 409
        assert client.get(MATTER, headers=EDITOR).json()["current_version"] == 1
        assert client.post(f"{MATTER}/versions", headers=EDITOR).json()["version"] == 3
        assert states(client) == ["published", "cancelled", "draft"]
        assert follow(client) == [("upsert", CODE, 1)]
        db = Database(db_url, "catalog")
        with db.session(write=False) as s:
            audited = s.execute(text(
                "SELECT actor, before, after FROM catalog.audit_entry "
                "WHERE action = 'version.cancelled' AND entity_id = :id"),
                {"id": f"{CODE}/2"}).all()
        db.dispose()
        assert len(audited) == 1 and audited[0][0] == "editor"


def test_a_scheduled_version_can_be_cancelled_before_its_date(db_url: str) -> None:
    effective = china_today() + timedelta(days=3)
    with catalog_client(db_url) as client:
        publish_new(client)
        approve_v2(client, effective_from=effective.isoformat())
        client.post(f"{MATTER}/versions/2/publish", headers=EDITOR)
        assert client.post(f"{MATTER}/versions/2/cancel", headers=EDITOR).status_code == 200
        later = datetime.combine(effective, datetime.min.time(), SHANGHAI) + timedelta(days=1)
        assert tick(db_url, later) == []
        assert states(client) == ["published", "cancelled"]


def test_a_version_due_for_a_withdrawn_matter_never_goes_live(db_url: str) -> None:
    effective = china_today() + timedelta(days=3)
    with catalog_client(db_url) as client:
        publish_new(client)
        approve_v2(client, effective_from=effective.isoformat())
        client.post(f"{MATTER}/versions/2/publish", headers=EDITOR)
        assert client.post(f"{MATTER}/cancel", headers=EDITOR).status_code == 200
        later = datetime.combine(effective, datetime.min.time(), SHANGHAI) + timedelta(days=1)
        assert tick(db_url, later) == []
        assert states(client) == ["cancelled", "cancelled"]
        assert follow(client) == [("upsert", CODE, 1), ("cancel", CODE, 1)]


def test_history_and_documents_are_read_by_editors_and_reviewers_only(db_url: str) -> None:
    with catalog_client(db_url) as client:
        publish_new(client)
        client.post(f"{MATTER}/versions", headers=EDITOR)
        listed = client.get(f"{MATTER}/versions", headers=REVIEWER)
        assert listed.status_code == 200
        assert [(v["version"], v["state"]) for v in listed.json()] == [(1, "published"),
                                                                       (2, "draft")]
        assert client.get(f"{MATTER}/versions", headers=OTHER_EDITOR).status_code == 404
        assert client.get(f"{MATTER}/versions",
                          headers=token("applicant", sub="zhang")).status_code == 403
        assert client.get(f"{MATTER}/versions").status_code == 401
        document = client.get(f"{MATTER}/versions/1/document", headers=REVIEWER).json()
        assert document["version"] == 1 and document["published_at"]
        assert document["conditions"] == ["已取得建设项目批准文件"]
        draft = client.get(f"{MATTER}/versions/2/document", headers=EDITOR).json()
        assert draft["version"] == 2 and draft["published_at"] is None
        assert client.get(f"{MATTER}/versions/9/document", headers=EDITOR).status_code == 404
