"""What the audit trail records through the embedded gateway, and who reads it: refused
requests, API-key use and provincial batches, each with time, actor, role, source address,
request id, action, target and outcome; only the audit administrator reads the trails, on the
page and as CSV (SQLite and PostgreSQL)."""

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.main import create_app
from tests import builders
from tests.catalog.sync.test_routes import ITEM

KEY = "audit-test-provincial-key"
TRAILS = ["/api/admin/audit", "/api/catalog/v1/audit", "/api/intake/v1/audit",
          "/api/review/v1/audit", "/api/publish/v1/audit"]


@pytest.fixture
def platform(db_url: str) -> Iterator[TestClient]:
    """The embedded platform with the demo accounts and a provincial key."""
    load_demo(db_url, ("gateway",))
    settings = GatewaySettings(database_url=db_url, provincial_api_key=KEY)
    with TestClient(create_app(settings)) as client:
        yield client


def entries(platform: TestClient, trail: str, **filters: str) -> list[dict[str, Any]]:
    """A trail's entries as the audit administrator reads them (signed in for this)."""
    builders.sign_in(platform, "auditor")
    found = builders.ok(platform.get(trail, params=filters))["items"]
    platform.cookies.clear()
    return found  # type: ignore[no-any-return]


def test_a_refused_request_is_recorded_with_who_where_and_which_request(
        platform: TestClient) -> None:
    builders.sign_in(platform, "editor")
    assert platform.get("/api/admin/api-keys",
                        headers={"X-Request-ID": "req-denied-1"}).status_code == 403
    assert platform.get("/admin/pilots").status_code == 403  # a page, too
    platform.cookies.clear()
    denied = entries(platform, "/api/admin/audit", action="request.denied")
    api = next(e for e in denied if e["request_id"] == "req-denied-1")
    assert api["actor"] == "editor" and api["role"] == "editor"
    assert api["address"] == "testclient" and api["outcome"] == "denied"
    assert api["entity_id"] == "GET /api/admin/api-keys" and api["at"]
    assert any(e["entity_id"] == "GET /admin/pilots" for e in denied)


def test_key_use_and_provincial_batches_are_recorded_in_the_parts_they_reach(
        platform: TestClient) -> None:
    province = {"Authorization": f"Bearer {KEY}", "X-Request-ID": "req-batch-1"}
    pushed = platform.post("/api/sync/v1/base-catalog/batches", headers=province,
                           json={"batch_id": "AUDIT-1", "items": [ITEM, "not an object"]})
    assert builders.ok(pushed)["accepted"] == 1
    assert platform.get("/api/sync/v1/matters",
                        headers={"Authorization": "Bearer wrong"}).status_code == 401
    used = entries(platform, "/api/admin/audit", action="api_key.")
    assert {(e["action"], e["outcome"]) for e in used} >= {("api_key.used", "succeeded"),
                                                           ("api_key.refused", "denied")}
    batch = entries(platform, "/api/catalog/v1/audit", action="base_catalog.batch_received")
    assert len(batch) == 1 and batch[0]["entity_id"] == "AUDIT-1"
    assert batch[0]["after"] == {"items": 2, "accepted": 1, "rejected": 1}
    # The service knows where the request came from and which it was: the gateway said so.
    assert batch[0]["role"] == "provincial_system" and batch[0]["address"] == "testclient"
    assert batch[0]["request_id"] == "req-batch-1"


def test_only_the_audit_administrator_reads_any_trail(platform: TestClient) -> None:
    for username in ("admin", "security", "supervisor", "editor"):
        builders.sign_in(platform, username)
        for trail in TRAILS:
            assert platform.get(trail).status_code == 403, (username, trail)
    builders.sign_in(platform, "auditor")
    for trail in TRAILS:
        assert platform.get(trail).status_code == 200, trail
    # …and does nothing else.
    assert platform.get("/api/admin/api-keys").status_code == 403
    assert platform.get("/api/intake/v1/applications").status_code == 403


def test_the_audit_administrator_filters_the_trail_on_a_page_and_exports_it(
        platform: TestClient) -> None:
    builders.sign_in(platform, "clerk")
    platform.get("/admin/pilots")  # refused: one entry to find
    builders.sign_in(platform, "auditor")
    page = platform.get("/audit", params={"actor": "clerk", "outcome": "denied"})
    assert page.status_code == 200 and "GET /admin/pilots" in page.text
    assert "审计日志" in page.text
    other = platform.get("/audit", params={"actor": "nobody-at-all"})
    assert "GET /admin/pilots" not in other.text
    exported = platform.get("/audit.csv", params={"actor": "clerk", "action": "request."})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows and {r["action"] for r in rows} == {"request.denied"}
    assert rows[0]["part"] == "gateway" and rows[0]["role"] == "clerk"


def test_a_time_filter_out_of_range_is_refused_not_a_500(platform: TestClient) -> None:
    builders.sign_in(platform, "auditor")
    for since in ("9999-12-31T23:59:59-14:00", "2026-01-01T00:00:00"):
        answer = platform.get("/api/catalog/v1/audit", params={"since": since})
        assert answer.status_code == 422, since
