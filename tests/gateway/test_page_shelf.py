"""Public pages for anonymous visitors: a strong ETag and 304, kept by the gateway for seconds
and refreshed behind the visitors, a new publication shown once it is applied, no session looked
up without a session cookie, and a signed-in visitor's page never shared."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from gateway import identity
from gateway.config import GatewaySettings
from gateway.main import create_app
from kit.db import Database
from publish.config import PublishSettings
from publish.main import create_app as create_publish
from tests.publish.conftest import CATALOG, cancelled, matter_document, published

CODE = "11430100707230200T-XK-0001"
PAGE = f"/guides/{CODE}"
PASSWORD = "correct-horse-battery-staple"
Gateway = Callable[..., Any]
Publish = Callable[..., None]


@pytest.fixture
def publish(db_url: str) -> Iterator[Publish]:
    """Publish a version of the matter, as catalog's relay delivers it (the embedded gateway's
    publish reads the same database)."""
    settings = PublishSettings(database_url=db_url, report_interval=86400)
    with TestClient(create_publish(settings)) as client:

        def apply(version: int, name: str | None) -> None:
            event = (published(matter_document(CODE, version=version, name=name)) if name
                     else cancelled(CODE, version))  # no name: the matter is cancelled
            answer = client.post("/internal/events", headers=CATALOG, json=event)
            assert answer.status_code == 200, answer.text

        yield apply


@pytest.fixture
def gateway(db_url: str) -> Gateway:
    """The gateway (embedded) with some settings: `with gateway(public_page_seconds=0) as c`."""

    @contextmanager
    def start(**overrides: Any) -> Iterator[TestClient]:
        settings = GatewaySettings(database_url=db_url, relay_interval=5, **overrides)
        with TestClient(create_app(settings)) as client:
            yield client

    return start


def publish_calls(client: TestClient) -> int:
    """How many calls the gateway has made to publish so far."""
    return client.app.state.upstreams.calls["publish"]  # type: ignore[attr-defined, no-any-return]


def test_a_guide_page_has_a_strong_etag_and_a_current_copy_gets_304(
        gateway: Gateway, publish: Publish) -> None:
    publish(1, "建设工程规划许可证核发")
    with gateway() as site:
        page = site.get(PAGE)
        again = site.get(PAGE, headers={"If-None-Match": page.headers["etag"]})
        other = site.get(PAGE, headers={"If-None-Match": '"an-old-page"'})

    assert page.status_code == 200 and "建设工程规划许可证核发" in page.text
    assert page.headers["etag"].startswith('"') and not page.headers["etag"].startswith("W/")
    assert page.headers["cache-control"] == "public, max-age=10, stale-while-revalidate=60"
    assert page.headers["vary"] == "HX-Request, Cookie"
    assert (again.status_code, again.content) == (304, b"")
    assert again.headers["etag"] == page.headers["etag"]
    assert "max-age" in again.headers["cache-control"]
    assert (other.status_code, other.text) == (200, page.text)


def test_a_repeat_visit_is_answered_without_asking_publish(
        gateway: Gateway, publish: Publish) -> None:
    publish(1, "建设工程规划许可证核发")
    with gateway() as site:
        first = site.get(PAGE)
        asked = publish_calls(site)
        again, revalidated = site.get(PAGE), site.get(
            PAGE, headers={"If-None-Match": first.headers["etag"]})
        english = site.get(PAGE, cookies={"ow_lang": "en"})
        calls = publish_calls(site) - asked

    assert again.text == first.text and revalidated.status_code == 304
    assert english.headers["etag"] != first.headers["etag"] and 'lang="en"' in english.text
    assert calls == 2  # the English page alone: its guide and its flowchart


def test_a_new_publication_changes_the_etag_and_the_page(
        gateway: Gateway, publish: Publish) -> None:
    publish(1, "建设工程规划许可证核发")
    with gateway(public_page_seconds=0, public_page_stale_seconds=0) as site:
        before = site.get(PAGE)
        publish(2, "建设工程规划许可证核发（新版）")
        after = site.get(PAGE, headers={"If-None-Match": before.headers["etag"]})

    assert "（新版）" not in before.text
    assert after.status_code == 200 and "（新版）" in after.text
    assert after.headers["etag"] != before.headers["etag"]


def test_a_stale_page_is_served_once_while_it_is_rendered_again_behind(
        gateway: Gateway, publish: Publish) -> None:
    publish(1, "建设工程规划许可证核发")
    with gateway(public_page_seconds=1, public_page_stale_seconds=60) as site:
        before = site.get(PAGE)
        publish(2, "建设工程规划许可证核发（新版）")
        kept = site.get(PAGE)  # still fresh
        time.sleep(1.2)
        stale = site.get(PAGE)  # past its second: served as kept, rendered again behind
        deadline, after = time.monotonic() + 30, stale
        while "（新版）" not in after.text and time.monotonic() < deadline:
            time.sleep(0.1)
            after = site.get(PAGE)

    assert kept.text == before.text and stale.text == before.text
    assert "（新版）" in after.text and after.headers["etag"] != before.headers["etag"]


def test_a_cancelled_matters_kept_guide_is_forgotten_once_rendered_again(
        gateway: Gateway, publish: Publish) -> None:
    publish(1, "建设工程规划许可证核发")
    with gateway(public_page_seconds=1, public_page_stale_seconds=60) as site:
        assert site.get(PAGE).status_code == 200
        publish(1, None)
        time.sleep(1.2)
        stale = site.get(PAGE)
        deadline, after = time.monotonic() + 30, stale
        while after.status_code == 200 and time.monotonic() < deadline:
            time.sleep(0.1)
            after = site.get(PAGE)

    assert stale.status_code == 200
    assert after.status_code == 404 and "没有找到该事项的办事指南" in after.text


def test_a_signed_in_visitor_gets_a_private_page_with_their_name(
        gateway: Gateway, publish: Publish, db_url: str) -> None:
    publish(1, "建设工程规划许可证核发")
    database = Database(db_url, "gateway")
    with database.session() as s:
        identity.create_account(s, username="zhang", password=PASSWORD,
                                display_name="张小凡", roles=["applicant"])
    database.dispose()
    with gateway() as site:
        signed_in = site.post("/api/auth/sign-in",
                              json={"username": "zhang", "password": PASSWORD})
        assert signed_in.status_code == 200, signed_in.text
        personal = site.get(PAGE)
        site.cookies.clear()
        anonymous = site.get(PAGE)

    assert personal.status_code == 200 and "张小凡" in personal.text
    assert personal.headers["cache-control"] == "private, no-store"
    assert "张小凡" not in anonymous.text  # the signed-in page was never kept for others
    assert anonymous.headers["cache-control"].startswith("public")


def test_an_anonymous_visit_reads_nothing_from_the_gateways_database(
        gateway: Gateway, publish: Publish) -> None:
    publish(1, "建设工程规划许可证核发")
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    with gateway(public_page_seconds=0, public_page_stale_seconds=0) as site:
        db: Database = site.app.state.db  # type: ignore[attr-defined]
        for engine in {db.reader, db.writer}:
            event.listen(engine, "before_cursor_execute", seen)
        anonymous = site.get(PAGE)  # rendered: nothing kept
        counted = list(statements)
        with_cookie = site.get(PAGE, cookies={"ow_session": "no-such-session"})

    assert anonymous.status_code == 200 and counted == []
    assert with_cookie.status_code == 200  # a cookie is looked up: the session store is read
    assert any("sign_in_session" in s for s in statements)
