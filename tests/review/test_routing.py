"""Ordered routing rules: the administrator adds, edits, reorders and deletes them, previews
where a standard would go; the first match wins, and what no rule matches is never lost."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from kit.db import Database
from review.models import audit
from tests.conftest import audit_actions, token
from tests.review.conftest import PLANNING_DEPARTMENT, reviewer

API = "/api/review/v1"
ADMIN = token("admin", sub="admin")
PLANNING = PLANNING_DEPARTMENT["code"]
ENVIRONMENT = "11430100707230500U"


def rules(client: TestClient) -> list[dict[str, Any]]:
    return client.get(f"{API}/routing", headers=ADMIN).json()["rules"]


def preview(client: TestClient, **criteria: str) -> dict[str, Any]:
    response = client.get(f"{API}/routing/preview", headers=reviewer(), params=criteria)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_demo_window_rules_are_ordered_and_g1_is_the_default(client: TestClient) -> None:
    table = client.get(f"{API}/routing", headers=reviewer()).json()

    assert [(r["position"], r["window"], r["group"]) for r in table["rules"]] == [
        (1, "investment", "G1"), (2, "planning", "G1"), (3, "industry", "G2"),
        (4, "supervision", "G2"), (5, "social", "G3")]
    assert (table["default_group"], table["unrouted_cases"]) == ("G1", 0)


def test_a_rule_on_department_and_type_placed_first_wins_and_the_case_names_it(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    added = client.post(f"{API}/routing/rules", headers=ADMIN, json={
        "department_code": PLANNING, "matter_type": "01", "window": "", "group": "G3",
        "note": "规划许可类", "position": 1})
    assert added.status_code == 201, added.text
    rule = added.json()

    case_id = open_case(window="planning")

    case = client.get(f"{API}/cases/{case_id}", headers=reviewer("G3")).json()
    assert case["group"] == "G3"
    assert case["routing_reason"] == (
        f"routing rule #{rule['id']} (position 1: department {PLANNING}, matter type 01 "
        "“规划许可类”) sends it to group G3")
    assert [r["position"] for r in rules(client)] == [1, 2, 3, 4, 5, 6]
    assert audit_actions(db_url, audit, entity="routing_rule", entity_id=str(rule["id"])) == [
        "rule.created"]


def test_the_preview_says_which_rule_matches_and_writes_nothing(client: TestClient) -> None:
    planning = preview(client, window="planning", department_code=ENVIRONMENT,
                       matter_type="01")
    nothing = preview(client, window="nowhere")

    assert (planning["group"], planning["rule"]["position"], planning["fallback"]) == (
        "G1", 2, False)
    assert "window planning" in planning["reason"]
    assert (nothing["group"], nothing["rule"], nothing["fallback"]) == ("G1", None, True)
    assert client.get(f"{API}/cases", headers=ADMIN).json() == []


def test_moving_a_rule_up_changes_which_one_wins(client: TestClient, db_url: str) -> None:
    rule = client.post(f"{API}/routing/rules", headers=ADMIN, json={
        "window": "planning", "department_code": ENVIRONMENT, "group": "G2"}).json()
    assert rule["position"] == 6 and rule["shadowed_by"] is not None  # planning → G1 first
    assert preview(client, window="planning", department_code=ENVIRONMENT)["group"] == "G1"

    moved = client.post(f"{API}/routing/rules/{rule['id']}/move", headers=ADMIN,
                        json={"position": 1})

    assert moved.status_code == 200 and moved.json()["shadowed_by"] is None
    assert preview(client, window="planning", department_code=ENVIRONMENT)["group"] == "G2"
    assert preview(client, window="planning", department_code=PLANNING)["group"] == "G1"
    assert [r["window"] for r in rules(client)][:3] == ["planning", "investment", "planning"]
    assert audit_actions(db_url, audit, entity="routing_rule", entity_id=str(rule["id"])) == [
        "rule.created", "rule.moved"]


def test_editing_and_deleting_a_rule(client: TestClient, db_url: str) -> None:
    social = next(r for r in rules(client) if r["window"] == "social")

    edited = client.put(f"{API}/routing/rules/{social['id']}", headers=ADMIN,
                        json={"window": "social", "matter_type": "20", "group": "G2"})
    assert edited.status_code == 200 and edited.json()["position"] == social["position"]
    assert preview(client, window="social", matter_type="20")["group"] == "G2"
    assert preview(client, window="social", matter_type="01")["group"] == "G1"  # default

    deleted = client.delete(f"{API}/routing/rules/{social['id']}", headers=ADMIN)

    assert deleted.status_code == 204
    assert [r["position"] for r in rules(client)] == [1, 2, 3, 4]
    assert audit_actions(db_url, audit, entity="routing_rule", entity_id=str(social["id"])) == [
        "rule.created", "rule.updated", "rule.deleted"]


def test_the_administrator_moves_the_default_group(client: TestClient, db_url: str) -> None:
    table = client.put(f"{API}/routing/default", headers=ADMIN, json={"group": "G3"}).json()

    assert table["default_group"] == "G3"
    assert preview(client, window="nowhere")["reason"].endswith("default group G3")
    defaults = [g["code"] for g in client.get(f"{API}/groups", headers=ADMIN).json()
                if g["is_default"]]
    assert defaults == ["G3"]
    assert audit_actions(db_url, audit, entity="review_group", entity_id="G3")[-1] == (
        "routing.default_set")


@pytest.mark.parametrize(("body", "status"), [
    ({"group": "G1"}, 422),  # no criterion: that is the default group's job
    ({"window": "", "department_code": " ", "group": "G1"}, 422),
    ({"matter_type": "1", "group": "G1"}, 422),
    ({"window": "planning", "group": "G9"}, 422),
    ({"window": "planning", "group": "G1", "position": 0}, 422),
    ({"window": "planning", "group": "G1", "colour": "red"}, 422),
])
def test_a_rule_without_criterion_or_with_an_unknown_group_is_refused(
        client: TestClient, body: dict[str, Any], status: int) -> None:
    response = client.post(f"{API}/routing/rules", headers=ADMIN, json=body)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert len(rules(client)) == 5


def test_an_unknown_rule_is_not_found(client: TestClient) -> None:
    assert client.delete(f"{API}/routing/rules/999", headers=ADMIN).status_code == 404
    assert client.post(f"{API}/routing/rules/999/move", headers=ADMIN,
                       json={"position": 1}).status_code == 404


def test_with_no_rule_matching_and_no_default_a_case_waits_unrouted_then_is_routed(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    client.post(f"{API}/groups", headers=ADMIN, json={"code": "G4", "name": "审核四组"})
    for rule in rules(client):
        if rule["window"] == "planning":
            client.delete(f"{API}/routing/rules/{rule['id']}", headers=ADMIN)
    _no_default(db_url)

    case_id = open_case(window="planning")

    case = client.get(f"{API}/cases/{case_id}", headers=ADMIN).json()
    assert case["group"] == "unrouted" and "no default group is set" in case["routing_reason"]
    assert client.get(f"{API}/routing", headers=ADMIN).json()["unrouted_cases"] == 1
    client.post(f"{API}/routing/rules", headers=ADMIN, json={"window": "planning",
                                                              "group": "G4"})
    routed = client.post(f"{API}/cases/{case_id}/route", headers=ADMIN)
    assert routed.status_code == 200 and routed.json()["group"] == "G4"
    assert client.get(f"{API}/cases/{case_id}", headers=reviewer("G4")).json()["group"] == "G4"
    assert client.get(f"{API}/routing", headers=ADMIN).json()["unrouted_cases"] == 0
    assert audit_actions(db_url, audit, entity="review_case", entity_id=str(case_id)) == [
        "case.opened", "case.precheck_passed", "case.to_group", "case.rerouted"]


def _no_default(db_url: str) -> None:
    """A zone whose default group was never chosen (as one migrated without G1 would be)."""
    db = Database(db_url, "review")
    with db.session() as session:
        session.execute(text("UPDATE review.review_group SET is_default = false"))
    db.dispose()


@pytest.mark.parametrize("role", ["reviewer", "lead", "supervisor", "editor"])
def test_only_the_administrator_changes_the_routing(client: TestClient, role: str) -> None:
    headers = token(role, group="G1", department=PLANNING)
    writes = [client.post(f"{API}/routing/rules", headers=headers,
                          json={"window": "planning", "group": "G1"}),
              client.put(f"{API}/routing/rules/1", headers=headers,
                         json={"window": "planning", "group": "G1"}),
              client.post(f"{API}/routing/rules/1/move", headers=headers, json={"position": 2}),
              client.delete(f"{API}/routing/rules/1", headers=headers),
              client.put(f"{API}/routing/default", headers=headers, json={"group": "G2"}),
              client.post(f"{API}/cases/1/route", headers=headers),
              client.post(f"{API}/groups", headers=headers, json={"code": "G4", "name": "x"}),
              client.put(f"{API}/groups/G1", headers=headers, json={"name": "x"})]

    assert [w.status_code for w in writes] == [403] * len(writes)
    assert len(rules(client)) == 5
