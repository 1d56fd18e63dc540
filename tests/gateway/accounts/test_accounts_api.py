"""Accounts as the system administrator keeps them, through the API and the one-time link's
page: invited, reset, changed, disabled; every change audited and told to review."""

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway import demo, invitations
from gateway.models import audit, outbox
from kit import clock
from kit.db import Database
from tests import builders

ACCOUNTS = "/api/admin/accounts"
SignIn = Callable[[str], dict[str, str]]


def invite(platform: TestClient, admin: dict[str, str], username: str, **scope: str) -> str:
    """A new account without a password; the path of its one-time link."""
    created = builders.ok(platform.post(ACCOUNTS, headers=admin, json={
        "username": username, "display_name": "周新同事", **scope}), 201)
    assert created["roles"] == [] and created["invitation"]["url"].startswith("http")
    return urlsplit(created["invitation"]["url"]).path


def sign_in(platform: TestClient, username: str, password: str) -> int:
    platform.cookies.clear()
    return platform.post("/api/auth/sign-in", json={"username": username,
                                                    "password": password}).status_code


def set_password(platform: TestClient, path: str, password: str) -> int:
    platform.cookies.clear()
    return platform.post(path, data={"new": password, "again": password}).status_code


def test_an_invited_account_sets_its_password_once_through_its_link(
        platform: TestClient, as_: SignIn) -> None:
    path = invite(platform, as_("admin"), "zhou.xin", unit="sfj", group_code="G1")
    assert sign_in(platform, "zhou.xin", "!unset-and-anything") == 401
    page = platform.get(path)
    assert page.status_code == 200 and "周新同事" in page.text
    assert set_password(platform, path, "short") == 422
    answer = platform.post(path, data={"new": "a-long-password-1", "again": "a-long-password-2"})
    assert answer.status_code == 422 and "不一致" in answer.text
    assert set_password(platform, path, "a-long-password-1") == 200
    assert sign_in(platform, "zhou.xin", "a-long-password-1") == 200
    assert set_password(platform, path, "another-password-2") == 404
    gone = platform.get(path)
    assert gone.status_code == 404 and "已使用、已过期或不存在" in gone.text
    assert sign_in(platform, "zhou.xin", "another-password-2") == 401


def test_a_link_past_its_72_hours_opens_nothing(platform: TestClient, as_: SignIn,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = invite(platform, as_("admin"), "late.comer")
    later = clock.now() + timedelta(hours=72, minutes=1)
    monkeypatch.setattr(invitations, "now", lambda: later)
    assert platform.get(path).status_code == 404
    assert set_password(platform, path, "a-long-password-1") == 404


def test_a_reset_ends_the_old_password_the_sessions_and_any_earlier_link(
        platform: TestClient, as_: SignIn) -> None:
    admin = as_("admin")
    builders.ok(platform.post(ACCOUNTS, headers=admin, json={
        "username": "wu.min", "display_name": "吴敏", "password": "the-old-password"}), 201)
    assert sign_in(platform, "wu.min", "the-old-password") == 200
    cookie = platform.cookies.get("ow_session")
    admin = as_("admin")
    first = urlsplit(builders.ok(platform.post(f"{ACCOUNTS}/wu.min/reset", headers=admin))
                     ["url"]).path
    second = urlsplit(builders.ok(platform.post(f"{ACCOUNTS}/wu.min/reset", headers=admin))
                      ["url"]).path
    assert sign_in(platform, "wu.min", "the-old-password") == 401
    platform.cookies.set("ow_session", cookie or "")
    assert platform.get("/api/auth/me").status_code == 401
    assert set_password(platform, first, "a-new-password-1") == 404
    assert set_password(platform, second, "a-new-password-1") == 200
    assert sign_in(platform, "wu.min", "a-new-password-1") == 200
    admin = as_("admin")
    for administrator in ("admin", "security", "auditor"):  # whoever holds the link holds it
        assert platform.post(f"{ACCOUNTS}/{administrator}/reset",
                             headers=admin).status_code == 403


def test_a_disabled_account_is_refused_at_sign_in_until_enabled(platform: TestClient,
                                                                as_: SignIn) -> None:
    admin = as_("admin")
    assert builders.ok(platform.post(f"{ACCOUNTS}/applicant/disable", headers=admin))["disabled"]
    assert sign_in(platform, "applicant", builders.PASSWORD) == 401
    page = platform.post("/sign-in", data={"username": "applicant",
                                           "password": builders.PASSWORD, "next": "/"})
    assert page.status_code == 401
    builders.ok(platform.post(f"{ACCOUNTS}/applicant/enable", headers=as_("admin")))
    assert sign_in(platform, "applicant", builders.PASSWORD) == 200


def rows(db_url: str, table: object, **where: str) -> list[dict]:
    db = Database(db_url, "gateway")
    try:
        with db.session(write=False) as s:
            query = select(table).order_by(table.c.created_at if table is outbox  # type: ignore[attr-defined]
                                           else table.c.id)  # type: ignore[attr-defined]
            found = [dict(r) for r in s.execute(query).mappings()]
    finally:
        db.dispose()
    return [r for r in found if all(r.get(k) == v for k, v in where.items())]


def test_a_change_is_audited_before_and_after_and_told_to_review(
        platform: TestClient, as_: SignIn, db_url: str) -> None:
    admin = as_("admin")
    changed = builders.ok(platform.patch(f"{ACCOUNTS}/g2r1", headers=admin,
                                         json={"unit": "czj", "display_name": "蒋丽华（财政局）"}))
    assert changed["unit"] == "czj" and changed["group_code"] == "G2"
    entry = rows(db_url, audit, action="account.updated", entity_id="g2r1")[-1]
    assert (entry["actor"], entry["before"]["unit"], entry["after"]["unit"]) == \
        ("admin", "fgj", "czj")
    told = [r["payload"] for r in rows(db_url, outbox, type="account.changed")
            if r["payload"]["username"] == "g2r1"]
    assert told[-1] == {"username": "g2r1", "display_name": "蒋丽华（财政局）",
                        "roles": ["reviewer"], "group_code": "G2", "department": None,
                        "unit": "财政局", "active": True}
    builders.ok(platform.post(f"{ACCOUNTS}/g2r1/disable", headers=admin))
    builders.ok(platform.put(f"{ACCOUNTS}/g2r1/roles", headers=as_("security"),
                             json={"roles": ["reviewer", "lead"]}))
    told = [r["payload"] for r in rows(db_url, outbox, type="account.changed")
            if r["payload"]["username"] == "g2r1"]
    assert (told[-2]["active"], told[-1]["roles"]) == (False, ["reviewer", "lead"])
    actions = [r["action"] for r in rows(db_url, audit, entity_id="g2r1")]
    assert actions[-3:] == ["account.updated", "account.disabled", "account.roles_set"]


def test_a_scope_names_a_department_group_and_unit_that_exist(platform: TestClient,
                                                              as_: SignIn) -> None:
    admin = as_("admin")
    for scope in ({"department": "11430100707230999X"}, {"group_code": "G9"},
                  {"unit": "nowhere"}):
        answer = platform.post(ACCOUNTS, headers=admin, json={
            "username": "stranger", "display_name": "某人", **scope})
        assert answer.status_code == 422, (scope, answer.text)
    answer = platform.patch(f"{ACCOUNTS}/reviewer", headers=admin, json={"group_code": "G9"})
    assert answer.status_code == 422 and "G9" in answer.json()["detail"]
    clerk = builders.ok(platform.patch(f"{ACCOUNTS}/clerk", headers=admin,
                                       json={"group_code": "industry"}))
    assert clerk["group_code"] == "industry"  # a clerk's group is a window


def test_units_are_added_renamed_and_removed_only_when_unused(
        platform: TestClient, as_: SignIn, db_url: str) -> None:
    admin = as_("admin")
    assert len(builders.ok(platform.get("/api/admin/units", headers=admin))) == 11
    builders.ok(platform.post("/api/admin/units", headers=admin,
                              json={"code": "swj", "name": "商务局"}), 201)
    assert platform.post("/api/admin/units", headers=admin,
                         json={"code": "swj2", "name": "商务局"}).status_code == 409
    builders.ok(platform.put("/api/admin/units/sfj", headers=admin, json={"name": "司法行政局"}))
    told = {r["payload"]["username"]: r["payload"]["unit"]
            for r in rows(db_url, outbox, type="account.changed")}
    assert told["reviewer"] == told["lead2"] == told["g3r2"] == "司法行政局"
    assert platform.delete("/api/admin/units/sfj", headers=admin).status_code == 409
    assert platform.delete("/api/admin/units/swj", headers=admin).status_code == 204
    assert platform.post("/api/admin/units", headers=as_("security"),
                         json={"code": "x", "name": "某局"}).status_code == 403


def test_the_demo_zone_has_three_groups_of_26_reviewers_from_11_units_and_every_department_its_staff(  # noqa: E501
        platform: TestClient, as_: SignIn) -> None:
    accounts = builders.ok(platform.get(ACCOUNTS, headers=as_("admin")))
    reviewers = [a for a in accounts if "reviewer" in a["roles"]]
    by_group = {g: [a for a in reviewers if a["group_code"] == g] for g in ("G1", "G2", "G3")}
    assert [len(by_group[g]) for g in ("G1", "G2", "G3")] == [9, 9, 8] and len(reviewers) == 26
    assert {a["username"] for a in reviewers if "lead" in a["roles"]} == {"lead", "lead2", "lead3"}
    assert len({a["unit"] for a in reviewers}) == 11 and all(a["unit"] for a in reviewers)
    for role in ("editor", "approver"):
        assert len({a["department"] for a in accounts if role in a["roles"]}) == 7


def test_every_account_change_leaves_the_outbox_without_blocking_the_rest(
        platform: TestClient, as_: SignIn, db_url: str) -> None:
    builders.ok(platform.post(f"{ACCOUNTS}/g3r7/disable", headers=as_("admin")))

    def settled() -> bool:
        pending = [r for r in rows(db_url, outbox) if r["delivered_at"] is None
                   and r["parked_at"] is None]
        return not pending

    # Every demo account once, then the disabling: all delivered to review, none parked.
    builders.eventually(settled, what="every account.changed delivered or parked")
    sent = rows(db_url, outbox, destination="review")
    assert len(sent) == len(demo.ACCOUNTS) + 1
    assert all(r["delivered_at"] is not None for r in sent)
