"""Events that cannot jam (issue 7, point 14), on the embedded platform: a submission review
refuses is parked at once, the version goes back to the department with the reason (the
matter is not held), and the administrator sees the dead letter on a page and retries or
discards it. On SQLite and PostgreSQL."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from catalog.matters import repository, service
from catalog.models import audit, outbox
from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.main import create_app
from kit.auth import Principal
from kit.clock import now
from kit.db import Database
from tests.builders import MATTERS, eventually, ok, sign_in, standard
from tests.conftest import audit_actions

LETTERS = "/api/catalog/v1/admin/dead-letters"


@pytest.fixture
def platform(db_url: str) -> Iterator[TestClient]:
    """The embedded platform with the demo zone; relays run every 0.1 s."""
    load_demo(db_url)
    with TestClient(create_app(GatewaySettings(database_url=db_url,
                                               relay_interval=0.1))) as client:
        yield client


def submit_behind_the_api(db_url: str, code: str, **payload: Any) -> None:
    """Submit version 1 of `code` as catalog does, its event changed by `payload` (as an event
    from before the limits agreed would be), in one transaction."""
    db = Database(db_url, "catalog")
    with db.session() as s:
        matter = repository.find_matter(session=s, code=code)
        assert matter is not None
        row = repository.get_version(session=s, matter=matter, version=1)
        service.submit(session=s, matter=matter, row=row,
                       actor=Principal(sub="editor", roles=("editor",)))
        event = s.execute(select(outbox).where(
            outbox.c.type == "matter_version.submitted")).one()
        s.execute(update(outbox).where(outbox.c.id == event.id)
                  .values(payload={**event.payload, **payload}))
    db.dispose()


def draft(client: TestClient, code: str) -> dict[str, str]:
    """The editor drafts a matter; the editor's CSRF header."""
    editor = sign_in(client, "editor")
    ok(client.post(MATTERS, json=standard(code), headers=editor), 201)
    return editor


def state_of(client: TestClient, code: str) -> str:
    return str(ok(client.get(f"{MATTERS}/{code}/versions/1"))["state"])


def test_a_refused_submission_is_parked_and_the_matter_is_not_held(
        platform: TestClient, db_url: str) -> None:
    code = "430103-01-9301"
    editor = draft(platform, code)
    submit_behind_the_api(db_url, code, name="长" * 211)

    sign_in(platform, "admin")
    letters = eventually(lambda: ok(platform.get(LETTERS)), what="the dead letter")
    assert [(d["type"], d["destination"]) for d in letters] == [
        ("matter_version.submitted", "review")]
    assert letters[0]["last_error"].startswith("HTTP 422") and "name" in letters[0]["last_error"]

    editor = sign_in(platform, "editor")  # the version is back with the department
    version = ok(platform.get(f"{MATTERS}/{code}/versions/1"))
    assert version["state"] == "returned" and "422" in version["feedback"]["summary"]
    ok(platform.post(f"{MATTERS}/{code}/versions/1/submit", headers=editor))
    eventually(lambda: state_of(platform, code) == "in_review", what="review to take it")

    admin = sign_in(platform, "admin")
    page = platform.get("/admin/dead-letters")
    assert page.status_code == 200 and "matter_version.submitted" in page.text
    assert "HTTP 422" in page.text
    discarded = platform.post(f"/admin/dead-letters/catalog/{letters[0]['id']}/discard",
                              data={"csrf_token": admin["X-CSRF-Token"]},
                              follow_redirects=False)
    assert discarded.status_code == 303
    assert ok(platform.get(LETTERS)) == []
    assert "没有未送达的事件" in platform.get("/admin/dead-letters").text
    assert audit_actions(db_url, audit, entity="outbox_event",
                         entity_id=letters[0]["id"]) == ["dead_letter.discarded"]


def test_an_event_parked_while_review_failed_is_delivered_when_retried(
        platform: TestClient, db_url: str) -> None:
    code = "430103-01-9302"
    draft(platform, code)
    db = Database(db_url, "catalog")
    with db.session() as s:  # as after ten 500s from review: parked, version still submitted
        matter = repository.find_matter(session=s, code=code)
        assert matter is not None
        row = repository.get_version(session=s, matter=matter, version=1)
        service.submit(session=s, matter=matter, row=row,
                       actor=Principal(sub="editor", roles=("editor",)))
        s.execute(update(outbox).where(outbox.c.type == "matter_version.submitted")
                  .values(parked_at=now(), attempts=10,
                          last_error="HTTP 500: Internal Server Error"))
    db.dispose()

    admin = sign_in(platform, "admin")
    letters = ok(platform.get(LETTERS))
    assert [d["last_error"] for d in letters] == ["HTTP 500: Internal Server Error"]
    page = platform.get("/admin/dead-letters")
    assert re.search(r"/admin/dead-letters/catalog/[0-9a-f-]{36}/retry", page.text)
    retried = platform.post(f"/admin/dead-letters/catalog/{letters[0]['id']}/retry",
                            data={"csrf_token": admin["X-CSRF-Token"]}, follow_redirects=False)
    assert retried.status_code == 303
    eventually(lambda: state_of(platform, code) == "in_review", what="the retried delivery")
    assert ok(platform.get(LETTERS)) == []


@pytest.mark.parametrize("service_name", ["catalog", "intake", "review"])
def test_only_an_administrator_reaches_dead_letters(platform: TestClient,
                                                    service_name: str) -> None:
    path = f"/api/{service_name}/v1/admin/dead-letters"
    assert platform.get(path).status_code == 403  # anonymous: the public role
    for username in ("editor", "reviewer", "supervisor", "clerk"):
        headers = sign_in(platform, username)
        assert platform.get(path).status_code == 403
        some = "00000000-0000-0000-0000-000000000000"
        assert platform.post(f"{path}/{some}/retry", headers=headers).status_code == 403
        assert platform.delete(f"{path}/{some}", headers=headers).status_code == 403
    admin = sign_in(platform, "admin")
    assert ok(platform.get(path)) == []
    missing = platform.post(f"{path}/00000000-0000-0000-0000-000000000000/retry", headers=admin)
    assert missing.status_code == 404
    assert platform.post(f"{path}/not-a-uuid/retry", headers=admin).status_code == 422
    page = platform.post("/admin/dead-letters/nowhere/x/retry",
                         data={"csrf_token": admin["X-CSRF-Token"]})
    assert page.status_code == 404 and "<html" in page.text

