"""The administrator's page of undelivered events (dead letters) in a real browser."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from catalog.models import outbox
from kit.clock import now
from kit.db import Database
from kit.outbox import pending
from tests.browser.conftest import screenshot, sign_in, watch
from tests.builders import eventually
from tests.live import embedded_platform


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A platform of its own, with its SQLite folder at hand."""
    folder = tmp_path_factory.mktemp("dead-letter-platform")
    with embedded_platform(folder) as url:
        yield url, folder


def waiting(db: Database) -> int:
    """How many events the catalog has still to deliver."""
    with db.session(write=False) as s:
        return len(s.execute(outbox.select().where(pending(outbox))).all())


def test_the_administrator_sees_a_dead_letter_and_discards_it(  # type: ignore[no-untyped-def]
        browser, platform: tuple[str, Path]) -> None:
    url, folder = platform
    db = Database(f"sqlite:///{folder}", "catalog")
    eventually(lambda: not waiting(db), what="the demo's events to be delivered")
    with db.session() as s:  # one of the demo's publications, as if intake had refused it
        first = s.execute(outbox.select().where(outbox.c.destination == "intake")
                          .order_by(outbox.c.created_at).limit(1)).one()
        s.execute(update(outbox).where(outbox.c.id == first.id).values(
            delivered_at=None, parked_at=now(), attempts=1,
            last_error='HTTP 422: {"detail": "matter_version.published payload is not valid."}'))
    db.dispose()
    context = browser.new_context(base_url=url, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    watch(page, errors)
    sign_in(page, "admin")
    page.click("text=未送达事件")
    page.wait_for_load_state("networkidle")
    row = page.locator(f"#letter-{first.id}")
    assert "matter_version.published" in row.inner_text()
    assert "HTTP 422" in row.inner_text() and "事项目录 → 受理" in row.inner_text()
    screenshot(page, "dead-letters")
    row.locator("text=放弃").click()
    page.wait_for_load_state("networkidle")
    assert "已放弃该事件" in page.inner_text("main")
    assert "没有未送达的事件" in page.inner_text("main")
    context.close()
    assert not errors, errors
