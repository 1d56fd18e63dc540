"""The reviewers review knows, my cases and the group's board, round deadlines in working days,
and the element areas of the catalog's layout."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import col

from catalog.layout.elements import SECTIONS
from kit.clock import now
from kit.db import Database
from review.areas import AREAS, area_of
from review.deadlines import add_working_days, working_days_between
from review.models import ReviewCase
from tests.conftest import token

API = "/api/review/v1"
LEAD = token("lead", "reviewer", sub="lead", group="G1")


def account(**changes: Any) -> dict[str, Any]:
    """The payload of the gateway's `account.changed`."""
    return {"username": "g1r8", "display_name": "新审核员", "roles": ["reviewer"],
            "group_code": "G1", "department": None, "unit": "财政局", "active": True} | changes


def opened_ago(db_url: str, case_id: int, days: int) -> None:
    """Move a case's arrival `days` calendar days back (a round that started long ago)."""
    db = Database(db_url, "review")
    with db.session() as session:
        session.execute(update(ReviewCase).where(col(ReviewCase.id) == case_id)
                        .values(opened_at=now() - timedelta(days=days),
                                reached_group_at=now() - timedelta(days=days)))
    db.dispose()


def test_the_demo_groups_have_26_reviewers_from_11_units(client: TestClient) -> None:
    everyone = client.get(f"{API}/reviewers", headers=token("admin")).json()

    assert len(everyone) == 26
    assert len({r["unit"] for r in everyone}) == 11
    assert [r["username"] for r in everyone if r["is_lead"]] == ["lead", "lead2", "lead3"]
    mine = client.get(f"{API}/reviewers", headers=LEAD).json()
    assert {r["group"] for r in mine} == {"G1"} and len(mine) == 9
    assert mine[0] == {"username": "lead", "display_name": "赵组长（审核一组）",
                       "unit": "发展和改革局", "group": "G1", "is_lead": True, "active": True}


def test_account_changed_adds_updates_and_retires_a_reviewer(
        client: TestClient, deliver: Callable[..., httpx.Response]) -> None:
    def known() -> dict[str, Any]:
        return {r["username"]: r for r in client.get(
            f"{API}/reviewers", headers=token("admin")).json()}

    assert deliver(account(), event_type="account.changed").json()["status"] == "applied"
    assert known()["g1r8"]["unit"] == "财政局"
    deliver(account(roles=["reviewer", "lead"], group_code="G2"), event_type="account.changed")
    assert (known()["g1r8"]["group"], known()["g1r8"]["is_lead"]) == ("G2", True)
    deliver(account(roles=["editor"]), event_type="account.changed")
    assert known()["g1r8"]["active"] is False
    deliver(account(username="editor2", roles=["editor"]), event_type="account.changed")
    assert "editor2" not in known()


def test_the_same_account_event_twice_applies_once(
        client: TestClient, deliver: Callable[..., httpx.Response]) -> None:
    first = deliver(account(), event_type="account.changed", event_id="acct-1")
    second = deliver(account(display_name="改名"), event_type="account.changed",
                     event_id="acct-1")

    assert (first.json()["status"], second.json()["status"]) == ("applied", "duplicate")
    names = {r["username"]: r["display_name"] for r in client.get(
        f"{API}/reviewers", headers=token("admin")).json()}
    assert names["g1r8"] == "新审核员"


@pytest.mark.parametrize("payload", [
    account(active="sometimes"), account(username=""), {"username": "x"},
    account(display_name="名" * 121),
])
def test_a_malformed_account_event_is_refused(deliver: Callable[..., httpx.Response],
                                              payload: dict[str, Any]) -> None:
    assert deliver(payload, event_type="account.changed").status_code == 422


def test_my_cases_and_the_board_show_who_has_what_and_what_is_late(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    late = open_case(code="114301007072302000XK0000100001")
    fresh = open_case(code="114301007072302000XK0000100002")
    client.put(f"{API}/cases/{late}/assignments", headers=LEAD,
               json={"parts": {"materials": "g1r1", "conditions": "g1r1"}})
    client.put(f"{API}/cases/{fresh}/assignments", headers=LEAD,
               json={"parts": {"materials": "g1r1", "time_limits": "g1r2"}})
    opened_ago(db_url, late, 30)

    mine = client.get(f"{API}/my/cases", headers=token("reviewer", sub="g1r1",
                                                       group="G1")).json()

    assert [(c["id"], c["areas"]) for c in mine] == [(late, ["materials", "conditions"]),
                                                     (fresh, ["materials"])]
    assert mine[0]["deadline"]["status"] == "late" and mine[0]["deadline"]["overdue_days"] > 5
    assert mine[1]["deadline"]["status"] in ("on_time", "due_soon")
    board = client.get(f"{API}/groups/G1/board", headers=LEAD).json()
    load = {m["username"]: (m["open_parts"], m["late_parts"]) for m in board["members"]}
    assert load["g1r1"] == (3, 2) and load["g1r2"] == (1, 0) and load["g1r3"] == (0, 0)
    assert board["late_cases"] == 1
    assert board["unassigned_parts"] == 2 + 2  # time limits and other; conditions and other
    assert client.get(f"{API}/groups/G1/board", headers=token(
        "lead", sub="lead2", group="G2")).status_code == 404
    assert client.get(f"{API}/groups/G1/board", headers=token(
        "reviewer", sub="g1r1", group="G1")).status_code == 403
    assert client.get(f"{API}/groups/G1/board", headers=token("supervisor")).status_code == 200


def test_a_round_is_due_soon_on_its_last_working_day(client: TestClient,
                                                     open_case: Callable[..., int]) -> None:
    settings = client.app.state.settings  # type: ignore[attr-defined]
    settings.round_working_days = 1  # a one-day round is due tomorrow at the latest
    case_id = open_case()

    deadline = client.get(f"{API}/cases/{case_id}/assignments", headers=LEAD).json()["deadline"]

    assert deadline["status"] == "due_soon" and deadline["days_left"] <= 1


def test_working_days_skip_weekends_and_official_holidays() -> None:
    # 2026-09-30 is a Wednesday before the National Day holiday (10-01 … 10-07).
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday → Monday
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 7)) == 1
    assert working_days_between(date(2026, 12, 7), date(2026, 12, 4)) == 0


def test_the_areas_follow_the_catalogs_sections() -> None:
    by_section = {"conditions": "conditions", "materials": "materials", "limits": "time_limits",
                  "special_procedures": "time_limits", "extension": "time_limits",
                  "fees": "fees", "discretion_benchmarks": "discretion"}
    for section in SECTIONS:
        for element in section.elements:
            assert area_of(element.key) == by_section.get(section.key, "other"), element.key
    assert area_of("materials[2].name") == "materials" and set(by_section.values()) | {
        "other"} == set(AREAS)


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/reviewers"), ("get", "/cases/1/assignments"), ("put", "/cases/1/assignments"),
    ("post", "/cases/1/assignments/rule"), ("get", "/cases/1/history"), ("get", "/my/cases"),
    ("get", "/groups/G1/board"), ("get", "/groups/G1/area-rules"),
    ("put", "/groups/G1/area-rules"),
])
def test_the_persons_endpoints_need_a_token_and_a_review_role(
        client: TestClient, method: str, path: str) -> None:
    assert client.request(method, API + path, json={}).status_code == 401
    editor = token("editor", department="11430100707230200T")
    assert client.request(method, API + path, json={}, headers=editor).status_code == 403
