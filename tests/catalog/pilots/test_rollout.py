"""Pilot first, then roll out (先试点、后推开), as the provincial system sees it in its feed."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text

from kit.db import Database
from tests.builders import (
    EDITOR,
    MARKET,
    OTHER_EDITOR,
    PLANNING,
    PROVINCE,
    conclude,
    follow,
    publish_new,
    standard,
)
from tests.conftest import token

FEED = "/api/sync/v1/matters"
PILOTS = "/api/catalog/v1/pilots"
MATTERS = "/api/catalog/v1/matters"
ADMIN = token("admin", sub="admin")


def set_pilots(client: TestClient, *, rollout: bool, pilots: list[str]) -> dict[str, Any]:
    answer = client.put(PILOTS, json={"rollout": rollout, "pilots": pilots}, headers=ADMIN)
    assert answer.status_code == 200, answer.text
    return answer.json()


def publish_market(client: TestClient, code: str) -> None:
    """Draft, submit, approve and publish a matter of the market bureau (not a pilot)."""
    doc = standard(code, department={"code": MARKET, "name": "市场监督管理局"}, window="industry",
                   name="食品小作坊登记")
    assert client.post(MATTERS, json=doc, headers=OTHER_EDITOR).status_code == 201
    assert client.post(f"{MATTERS}/{code}/versions/1/submit",
                       headers=OTHER_EDITOR).status_code == 200
    conclude(client, code, 1)
    assert client.post(f"{MATTERS}/{code}/versions/1/publish",
                       headers=OTHER_EDITOR).status_code == 200


def read_on(client: TestClient, cursor: str | None) -> tuple[list[tuple[str, str, int]], str]:
    """What a consumer gets from `cursor` to the end of the feed, and where it stands then."""
    seen: list[tuple[str, str, int]] = []
    for _ in range(50):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get(FEED, params=params, headers=PROVINCE).json()
        if not body["items"]:
            return seen, cursor or ""
        seen += [(i["operation"], i["matter"]["implementation_code"], i["matter"]["version"])
                 for i in body["items"]]
        cursor = body["next_cursor"]
    raise AssertionError("feed did not end")


def test_while_the_rollout_is_off_only_pilot_departments_reach_the_province(
        client: TestClient) -> None:
    settings = set_pilots(client, rollout=False, pilots=[PLANNING])
    assert settings["pilot_phase"] and not settings["rollout"]
    publish_new(client, "430103-01-9001")
    publish_market(client, "430103-07-9101")
    assert follow(client) == [("upsert", "430103-01-9001", 1)]
    assert client.get(f"{FEED}/430103-01-9001", headers=PROVINCE).status_code == 200
    for params in ({}, {"version": 1}):
        hidden = client.get(f"{FEED}/430103-07-9101", params=params, headers=PROVINCE)
        assert hidden.status_code == 404
        assert client.get(f"{FEED}/430103-07-9101", params=params, headers={
            **PROVINCE, "Accept": "application/ld+json"}).status_code == 404
    assert client.get(PILOTS, headers=ADMIN).json()["held"] == 1


def test_rollout_reannounces_held_publications_once_for_every_consumer(client: TestClient) -> None:
    set_pilots(client, rollout=False, pilots=[PLANNING])
    publish_new(client, "430103-01-9001")
    publish_market(client, "430103-07-9101")
    publish_new(client, "430103-01-9002")
    early, cursor = read_on(client, None)  # a consumer that has read everything it may
    assert early == [("upsert", "430103-01-9001", 1), ("upsert", "430103-01-9002", 1)]

    assert set_pilots(client, rollout=True, pilots=[PLANNING])["released"] == 1
    publish_market(client, "430103-07-9102")

    later, _ = read_on(client, cursor)
    assert later == [("upsert", "430103-07-9101", 1), ("upsert", "430103-07-9102", 1)]
    assert read_on(client, None)[0] == [
        ("upsert", "430103-01-9001", 1), ("upsert", "430103-01-9002", 1),
        ("upsert", "430103-07-9101", 1), ("upsert", "430103-07-9102", 1)]
    assert client.get(f"{FEED}/430103-07-9101", headers=PROVINCE).status_code == 200
    assert set_pilots(client, rollout=True, pilots=[PLANNING])["released"] == 0
    assert len(read_on(client, None)[0]) == 4  # saving again re-announces nothing


def test_a_department_made_a_pilot_later_has_its_publications_announced_once(
        client: TestClient) -> None:
    set_pilots(client, rollout=False, pilots=[PLANNING])
    publish_market(client, "430103-07-9101")
    client.post(f"{MATTERS}/430103-07-9101/cancel", headers=OTHER_EDITOR)
    publish_new(client, "430103-01-9001")
    seen, cursor = read_on(client, None)
    assert seen == [("upsert", "430103-01-9001", 1)]
    assert set_pilots(client, rollout=False, pilots=[PLANNING, MARKET])["released"] == 2
    expected = [("upsert", "430103-07-9101", 1), ("cancel", "430103-07-9101", 1)]
    assert read_on(client, cursor)[0] == expected
    assert read_on(client, None)[0] == [("upsert", "430103-01-9001", 1), *expected]


def test_switching_the_rollout_off_again_keeps_what_was_sent_and_holds_what_is_new(
        client: TestClient) -> None:
    set_pilots(client, rollout=True, pilots=[PLANNING])
    publish_market(client, "430103-07-9101")
    set_pilots(client, rollout=False, pilots=[PLANNING])
    publish_market(client, "430103-07-9102")
    assert read_on(client, None)[0] == [("upsert", "430103-07-9101", 1)]
    set_pilots(client, rollout=True, pilots=[PLANNING])
    assert read_on(client, None)[0] == [("upsert", "430103-07-9101", 1),
                                        ("upsert", "430103-07-9102", 1)]


def test_the_pilot_phase_starts_when_an_administrator_saves_the_settings(
        client: TestClient, db_url: str) -> None:
    """Departments marked as pilots (as the demo loader does) change nothing until an
    administrator saves the settings: an upgraded zone keeps sending what it sent."""
    db = Database(db_url, "catalog")
    with db.session() as s:
        s.execute(text("UPDATE catalog.department SET is_pilot = :t WHERE code = :c"),
                  {"t": True, "c": PLANNING})
    db.dispose()
    settings = client.get(PILOTS, headers=ADMIN).json()
    assert not settings["configured"] and not settings["pilot_phase"]
    assert not settings["rollout"]
    publish_market(client, "430103-07-9101")
    assert read_on(client, None)[0] == [("upsert", "430103-07-9101", 1)]
    saved = set_pilots(client, rollout=False, pilots=[PLANNING])
    assert saved["configured"] and saved["pilot_phase"] and saved["held"] == 0
    publish_market(client, "430103-07-9102")
    assert read_on(client, None)[0] == [("upsert", "430103-07-9101", 1)]  # kept
    assert client.get(f"{FEED}/430103-07-9101", headers=PROVINCE).status_code == 404


def test_without_pilot_departments_there_is_no_pilot_phase(client: TestClient) -> None:
    settings = set_pilots(client, rollout=False, pilots=[])
    assert settings["configured"] and not settings["pilot_phase"]
    publish_market(client, "430103-07-9101")
    assert read_on(client, None)[0] == [("upsert", "430103-07-9101", 1)]


def test_only_approved_and_published_versions_ever_leave(client: TestClient) -> None:
    set_pilots(client, rollout=True, pilots=[])
    publish_new(client, "430103-01-9001")
    draft = client.post(f"{MATTERS}/430103-01-9001/versions", headers=EDITOR)
    client.put(f"{MATTERS}/430103-01-9001/versions/2", json=standard(committed_limit=3),
               headers={**EDITOR, "If-Match": draft.headers["etag"]})
    client.post(f"{MATTERS}/430103-01-9001/versions/2/submit", headers=EDITOR)
    conclude(client, "430103-01-9001", 2)  # approved, not published
    client.post(MATTERS, json=standard("430103-01-9002"), headers=EDITOR)  # a draft
    client.post(MATTERS, json=standard("430103-01-9003"), headers=EDITOR)
    client.post(f"{MATTERS}/430103-01-9003/versions/1/submit", headers=EDITOR)
    assert read_on(client, None)[0] == [("upsert", "430103-01-9001", 1)]
    current = client.get(f"{FEED}/430103-01-9001", headers=PROVINCE).json()
    assert current["version"] == 1 and current["committed_limit"] == 5
    assert client.get(f"{FEED}/430103-01-9001", params={"version": 2},
                      headers=PROVINCE).status_code == 404
    for code in ("430103-01-9002", "430103-01-9003"):
        assert client.get(f"{FEED}/{code}", headers=PROVINCE).status_code == 404


def test_only_administrators_manage_pilots_and_every_change_is_audited(
        client: TestClient, db_url: str) -> None:
    assert client.get(PILOTS, headers=EDITOR).status_code == 403
    assert client.put(PILOTS, json={"rollout": True, "pilots": []},
                      headers=EDITOR).status_code == 403
    assert client.get(PILOTS).status_code == 401
    unknown = client.put(PILOTS, json={"rollout": False, "pilots": [PLANNING, "nope"]},
                         headers=ADMIN)
    assert unknown.status_code == 422
    assert unknown.headers["content-type"] == "application/problem+json"
    assert not any(d["is_pilot"] for d in client.get(PILOTS, headers=ADMIN)
                   .json()["departments"])  # nothing half-written
    assert client.put(PILOTS, json={"rollout": "maybe", "pilots": []},
                      headers=ADMIN).status_code == 422
    set_pilots(client, rollout=False, pilots=[MARKET])
    db = Database(db_url, "catalog")
    with db.session(write=False) as s:
        entries = s.execute(text("SELECT actor, after FROM catalog.audit_entry "
                                 "WHERE action = 'pilots.updated'")).all()
    db.dispose()
    assert len(entries) == 1 and entries[0][0] == "admin"
    assert "11430100707230200T" not in str(entries[0][1]) and MARKET in str(entries[0][1])
