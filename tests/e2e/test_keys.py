"""API keys through the embedded gateway: they expire, and never carry more than a machine role,
whatever their stored row says (SQLite and PostgreSQL)."""

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.main import create_app
from kit.db import Database
from tests import builders

KEYS = "/api/admin/api-keys"


@pytest.fixture
def platform(db_url: str) -> Iterator[TestClient]:
    """The embedded platform with the demo accounts."""
    load_demo(db_url, ("gateway",))
    with TestClient(create_app(GatewaySettings(database_url=db_url))) as client:
        yield client


def issue(platform: TestClient, roles: list[str], **fields: object) -> dict:
    """A key issued by the security administrator; the client is signed out afterwards."""
    csrf = builders.sign_in(platform, "security")
    issued = builders.ok(platform.post(KEYS, headers=csrf,
                                       json={"name": "机器", "roles": roles, **fields}), 201)
    platform.cookies.clear()
    return issued


def change_key(db_url: str, key_id: int, assignment: str) -> None:
    """Change a stored key behind the gateway's back (as a database intruder would)."""
    db = Database(db_url, "gateway")
    with db.session() as s:
        s.execute(text(f"UPDATE gateway.api_key SET {assignment} WHERE id = :i"), {"i": key_id})
    db.dispose()


def test_a_key_expires_by_default_after_ninety_days_and_is_then_refused(
        platform: TestClient, db_url: str) -> None:
    issued = issue(platform, ["provincial_system"])
    valid = (datetime.fromisoformat(issued["expires_at"])
             - datetime.fromisoformat(issued["created_at"]))
    assert valid == timedelta(days=90)
    key = {"Authorization": f"Bearer {issued['key']}"}
    assert platform.get("/api/sync/v1/matters", headers=key).status_code == 200
    change_key(db_url, issued["id"], "expires_at = created_at")
    refused = platform.get("/api/sync/v1/matters", headers=key)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"


def test_a_key_is_issued_for_at_most_a_year_and_only_with_machine_roles(
        platform: TestClient) -> None:
    csrf = builders.sign_in(platform, "security")
    for body in ({"name": "x", "roles": ["provincial_system"], "days": 400},
                 {"name": "x", "roles": ["admin"]}, {"name": "x", "roles": ["clerk"]}):
        assert platform.post(KEYS, headers=csrf, json=body).status_code == 422, body
    assert platform.post(KEYS, headers=csrf, json={"name": "x", "roles": ["supervisor"],
                                                   "days": 7}).status_code == 201


def test_a_key_never_carries_more_than_a_machine_role(platform: TestClient,
                                                      db_url: str) -> None:
    issued = issue(platform, ["supervisor"])
    change_key(db_url, issued["id"],
               """roles = '["supervisor", "admin", "clerk", "security_admin"]'""")
    key = {"Authorization": f"Bearer {issued['key']}"}
    assert platform.get("/api/catalog/v1/pilots", headers=key).status_code == 403
    assert platform.get(KEYS, headers=key).status_code == 403
    listed = platform.get("/api/intake/v1/applications", headers=key)
    assert listed.status_code == 200  # oversight: metadata only (tests/intake/test_oversight)
