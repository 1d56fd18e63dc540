"""A zone upgraded with guides already on the lists: each gets its stored answer and ETag, the
same as a publication applied after the upgrade would give it."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from kit import migrations
from kit.db import Database
from publish.config import PublishSettings
from publish.main import create_app
from tests.conftest import envelope, require_postgres, scratch_postgres
from tests.publish.conftest import CATALOG, VISITOR, matter_document

BEFORE = "progress_reports"
CODE = "11430100707230200T-XK-0001"
WINDOW = {"code": "planning", "name": "规划建设窗口", "address": "一楼B区", "hours": "9:00-17:00",
          "phone": "0731-85890001"}


@pytest.fixture(params=["sqlite", "postgres"])
def listed_before(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A publish database before stored guides, one matter on the lists."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}"
    else:
        require_postgres()
        url = scratch_postgres("stored_guides")
    migrations.upgrade("publish", url, BEFORE)
    matters = sa.table("public_matter", *(sa.column(c) for c in (
        "implementation_code", "version", "name", "search_text", "matter_type",
        "department_code", "department_name", "window", "committed_limit", "statutory_limit",
        "limit_unit", "online", "onsite_visits")),
        sa.column("published_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("document", sa.JSON), sa.column("hall_window", sa.JSON), schema="publish")
    moment = datetime(2026, 11, 11, 1, 30, tzinfo=UTC)
    db = Database(url, "publish")
    with db.session() as session:
        session.execute(matters.insert().values(
            implementation_code=CODE, version=1, name="建设工程规划许可证核发", search_text="",
            matter_type="01", department_code="11430100707230200T",
            department_name="自然资源和规划局", window="planning", committed_limit=10,
            statutory_limit=20, limit_unit="working_day", online=True, onsite_visits=0,
            published_at=moment, updated_at=moment, document=matter_document(CODE),
            hall_window=WINDOW))
    db.dispose()
    yield url


def test_a_guide_on_the_lists_before_the_upgrade_is_served_as_stored(
        listed_before: str) -> None:
    migrations.upgrade("publish", listed_before)
    settings = PublishSettings(database_url=listed_before, report_interval=86400)
    with TestClient(create_app(settings)) as client:
        guide = client.get(f"/api/publish/v1/guides/{CODE}", headers=VISITOR)
        event = envelope("matter_version.published", {
            "operation": "upsert", "matter": matter_document(CODE), "window": WINDOW})
        delivered = client.post("/internal/events", headers=CATALOG, json=event)
        again = client.get(f"/api/publish/v1/guides/{CODE}", headers=VISITOR)

    assert guide.status_code == 200
    assert guide.json() == matter_document(CODE) | {"department_name": "自然资源和规划局",
                                                     "hall_window": WINDOW}
    assert delivered.status_code == 200, delivered.text
    assert again.headers["etag"] == guide.headers["etag"]  # as the app itself stores it
