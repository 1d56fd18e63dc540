"""The three administrators (三员分立) through the embedded gateway: each does its own job, none
can do another's (SQLite and PostgreSQL)."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.main import create_app
from tests import builders

ACCOUNTS = "/api/admin/accounts"
NEWCOMER = {"username": "newcomer", "display_name": "新同事", "password": "a-long-password-1"}
# (method, path, body, the one administrator whose job it is, its success status)
JOBS: list[tuple[str, str, Any, str, int]] = [
    ("POST", ACCOUNTS, NEWCOMER, "admin", 201),
    ("POST", f"{ACCOUNTS}/clerk/disable", None, "admin", 200),
    ("POST", f"{ACCOUNTS}/clerk/enable", None, "admin", 200),
    ("GET", "/api/catalog/v1/pilots", None, "admin", 200),
    ("PATCH", f"{ACCOUNTS}/clerk", {"display_name": "陈窗口"}, "admin", 200),
    ("POST", f"{ACCOUNTS}/clerk/reset", None, "admin", 200),
    ("POST", "/api/admin/units", {"code": "swj", "name": "商务局"}, "admin", 201),
    ("PUT", "/api/admin/units/sfj", {"name": "司法行政局"}, "admin", 200),
    ("GET", "/api/admin/imports/template.xlsx", None, "admin", 200),
    ("GET", "/api/admin/imports/template-accounts.csv", None, "admin", 200),
    ("PUT", f"{ACCOUNTS}/clerk/roles", {"roles": ["clerk"]}, "security", 200),
    ("DELETE", f"{ACCOUNTS}/clerk/sessions", None, "security", 204),
    ("GET", "/api/admin/api-keys", None, "security", 200),
    ("POST", "/api/admin/api-keys", {"name": "k", "roles": ["provincial_system"]},
     "security", 201),
]
ADMINISTRATORS = ("admin", "security", "auditor")


@pytest.fixture
def platform(db_url: str) -> Iterator[TestClient]:
    """The embedded platform with the demo accounts."""
    load_demo(db_url, ("gateway",))
    with TestClient(create_app(GatewaySettings(database_url=db_url))) as client:
        yield client


def test_each_administrator_does_its_own_job_and_no_other(platform: TestClient) -> None:
    for username in ADMINISTRATORS:
        csrf = builders.sign_in(platform, username)
        for method, path, body, owner, _ in JOBS:
            if owner == username:
                continue
            answer = platform.request(method, path, headers=csrf, json=body)
            assert answer.status_code == 403, (username, method, path, answer.text)
    for method, path, body, owner, status in JOBS:
        csrf = builders.sign_in(platform, owner)
        answer = platform.request(method, path, headers=csrf, json=body)
        assert answer.status_code == status, (owner, method, path, answer.text)


def test_the_system_administrator_creates_an_account_and_the_security_one_gives_its_roles(
        platform: TestClient) -> None:
    admin = builders.sign_in(platform, "admin")
    created = builders.ok(platform.post(ACCOUNTS, headers=admin, json=NEWCOMER), 201)
    assert created["roles"] == []
    security = builders.sign_in(platform, "security")
    given = platform.put(f"{ACCOUNTS}/newcomer/roles", headers=security,
                         json={"roles": ["editor"]})
    assert builders.ok(given)["roles"] == ["editor"]
    platform.cookies.clear()
    signed = platform.post("/api/auth/sign-in", json={"username": "newcomer",
                                                      "password": NEWCOMER["password"]})
    # Now staff, the newcomer must enrol a second factor before signing in through the API.
    assert signed.status_code == 403 and "second factor" in signed.json()["detail"]


def test_no_administrator_hands_out_an_administrators_role(platform: TestClient) -> None:
    security = builders.sign_in(platform, "security")
    for role in ("admin", "security_admin", "audit_admin"):
        answer = platform.put(f"{ACCOUNTS}/clerk/roles", headers=security,
                              json={"roles": [role]})
        assert answer.status_code == 422, role
    for username in ("security", "admin", "auditor"):
        answer = platform.put(f"{ACCOUNTS}/{username}/roles", headers=security,
                              json={"roles": ["clerk"]})
        assert answer.status_code == 403, username


def test_a_disabled_account_is_signed_out_and_stays_out_when_enabled_again(
        platform: TestClient) -> None:
    clerk = builders.sign_in(platform, "clerk")
    cookie = platform.cookies.get("ow_session")
    admin = builders.sign_in(platform, "admin")
    builders.ok(platform.post(f"{ACCOUNTS}/clerk/disable", headers=admin))
    builders.ok(platform.post(f"{ACCOUNTS}/clerk/enable", headers=admin))
    platform.cookies.clear()
    platform.cookies.set("ow_session", cookie)
    assert clerk and platform.get("/api/auth/me").status_code == 401
