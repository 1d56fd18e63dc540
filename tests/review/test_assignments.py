"""分解到人 through the API: the lead hands each part of a case to a named reviewer of the group,
or a rule does; reviewers see their cases, the lead sees the board. Everything audited."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from review.models import audit
from tests.conftest import audit_actions, token

API = "/api/review/v1"
LEAD = token("lead", "reviewer", sub="lead", group="G1")
LEAD2 = token("lead", "reviewer", sub="lead2", group="G2")


def member(username: str, group: str = "G1") -> dict[str, str]:
    return token("reviewer", sub=username, group=group)


def parts(client: TestClient, case_id: int) -> dict[str, str | None]:
    answer = client.get(f"{API}/cases/{case_id}/assignments", headers=LEAD).json()
    return {p["area"]: p["reviewer"] for p in answer["parts"]}


def test_a_case_has_a_part_per_element_area_it_fills(client: TestClient,
                                                     open_case: Callable[..., int]) -> None:
    case_id = open_case(fees=[{"name": "工本费", "standard": "10元/件"}])

    answer = client.get(f"{API}/cases/{case_id}/assignments", headers=member("g1r1")).json()

    # The standard has conditions, materials, limits and fees; no discretion benchmarks.
    assert [p["area"] for p in answer["parts"]] == [
        "conditions", "materials", "time_limits", "fees", "other"]
    assert all(p["reviewer"] is None for p in answer["parts"])
    assert answer["deadline"]["working_days"] == 5
    assert answer["deadline"]["status"] in ("on_time", "due_soon")


def test_the_lead_assigns_and_reassigns_parts_and_each_change_is_audited(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    case_id = open_case()

    first = client.put(f"{API}/cases/{case_id}/assignments", headers=LEAD,
                       json={"parts": {"materials": "g1r1", "conditions": "g1r2"}})
    again = client.put(f"{API}/cases/{case_id}/assignments", headers=LEAD,
                       json={"parts": {"materials": "g1r3"}})

    assert (first.status_code, again.status_code) == (200, 200)
    materials = next(p for p in again.json()["parts"] if p["area"] == "materials")
    assert (materials["reviewer"], materials["reviewer_name"], materials["rule"]) == (
        "g1r3", "吴海涛（审核一组）", "lead")
    assert parts(client, case_id)["conditions"] == "g1r2"
    assert audit_actions(db_url, audit, entity="review_case", entity_id=str(case_id)) == [
        "case.opened", "case.precheck_passed", "case.to_group", "case.assigned", "case.assigned",
        "case.reassigned"]
    history = client.get(f"{API}/cases/{case_id}/history", headers=member("g1r3")).json()
    reassigned = history[-1]
    assert (reassigned["actor"], reassigned["actor_name"]) == ("lead", "赵组长（审核一组）")
    assert reassigned["before"]["reviewer"] == "g1r1"
    assert reassigned["after"]["reviewer"] == "g1r3"
    assert history[0]["action"] == "case.opened" and history[0]["after"]["group"] == "G1"


def test_the_lead_takes_a_part_back_and_it_is_audited(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    case_id = open_case()
    client.put(f"{API}/cases/{case_id}/assignments", headers=LEAD,
               json={"parts": {"materials": "g1r1", "conditions": "g1r2"}})

    back = client.put(f"{API}/cases/{case_id}/assignments", headers=LEAD,
                      json={"parts": {"materials": None}})

    assert back.status_code == 200
    assert parts(client, case_id)["materials"] is None
    assert parts(client, case_id)["conditions"] == "g1r2"
    assert audit_actions(db_url, audit, entity="review_case",
                         entity_id=str(case_id))[-1] == "case.unassigned"
    mine = client.get(f"{API}/my/cases", headers=member("g1r1")).json()
    assert all(c["id"] != case_id for c in mine)


def test_only_the_groups_lead_may_assign(client: TestClient,
                                         open_case: Callable[..., int]) -> None:
    case_id = open_case()
    body = {"parts": {"materials": "g1r1"}}

    assert client.put(f"{API}/cases/{case_id}/assignments", headers=member("g1r1"),
                      json=body).status_code == 403
    assert client.put(f"{API}/cases/{case_id}/assignments", headers=LEAD2,
                      json=body).status_code == 404
    assert client.put(f"{API}/cases/{case_id}/assignments", headers=token("admin"),
                      json=body).status_code == 403
    assert parts(client, case_id)["materials"] is None


@pytest.mark.parametrize("body", [
    {"parts": {"materials": "g2r1"}},  # another group's reviewer
    {"parts": {"materials": "nobody"}},
    {"parts": {"discretion": "g1r1"}},  # the standard has no discretion benchmarks
    {"parts": {"style": "g1r1"}},
    {"parts": {}},
    {"parts": {"materials": "g1r1"}, "extra": 1},
    {"parts": {"materials": "g1\x00r1"}},
])
def test_a_wrong_assignment_is_refused(client: TestClient, open_case: Callable[..., int],
                                       body: dict[str, Any]) -> None:
    case_id = open_case()

    answer = client.put(f"{API}/cases/{case_id}/assignments", headers=LEAD, json=body)

    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert set(parts(client, case_id).values()) == {None}


def test_least_load_spreads_the_parts_over_the_group(client: TestClient,
                                                    open_case: Callable[..., int]) -> None:
    first = open_case(code="114301007072302000XK0000100001")
    client.put(f"{API}/cases/{first}/assignments", headers=LEAD,
               json={"parts": {"materials": "g1r1", "conditions": "g1r1"}})
    second = open_case(code="114301007072302000XK0000100002")

    answer = client.post(f"{API}/cases/{second}/assignments/rule", headers=LEAD,
                         json={"rule": "least_load"})

    assert answer.status_code == 200
    chosen = [p["reviewer"] for p in answer.json()["parts"]]
    # g1r1 already has two open parts; leads take none; ties go by username.
    assert chosen == ["g1r2", "g1r3", "g1r4", "g1r5"]
    assert {p["rule"] for p in answer.json()["parts"]} == {"least_load"}


def test_the_groups_area_rules_assign_a_case_when_it_arrives(
        client: TestClient, open_case: Callable[..., int]) -> None:
    rules = client.put(f"{API}/groups/G1/area-rules", headers=LEAD,
                       json={"rules": {"materials": "g1r4", "time_limits": "g1r5"}})
    assert rules.status_code == 200
    assert rules.json() == [
        {"area": "materials", "reviewer": "g1r4", "reviewer_name": "郑晓燕（审核一组）"},
        {"area": "time_limits", "reviewer": "g1r5", "reviewer_name": "冯志强（审核一组）"}]

    case_id = open_case()

    assert parts(client, case_id) == {"conditions": None, "materials": "g1r4",
                                      "time_limits": "g1r5", "other": None}
    history = client.get(f"{API}/cases/{case_id}/history", headers=LEAD).json()
    assert [e["after"]["rule"] for e in history if e["action"] == "case.assigned"] == [
        "area_rule", "area_rule"]
    assert client.put(f"{API}/groups/G1/area-rules", headers=LEAD2,
                      json={"rules": {"fees": "g1r1"}}).status_code == 404
    assert client.put(f"{API}/groups/G1/area-rules", headers=LEAD,
                      json={"rules": {"fees": "g2r1"}}).status_code == 422


def test_asking_for_area_rules_a_group_lacks_is_refused(client: TestClient,
                                                       open_case: Callable[..., int]) -> None:
    case_id = open_case()

    answer = client.post(f"{API}/cases/{case_id}/assignments/rule", headers=LEAD,
                         json={"rule": "area"})

    assert answer.status_code == 422 and "no area rules" in answer.json()["detail"]


def test_the_next_round_keeps_its_reviewers(client: TestClient,
                                            open_case: Callable[..., int]) -> None:
    first = open_case()
    client.put(f"{API}/cases/{first}/assignments", headers=LEAD,
               json={"parts": {"materials": "g1r6"}})
    assert client.post(f"{API}/cases/{first}/feedback", headers=LEAD,
                       json={"decision": "returned", "summary": "请修改材料。"}).status_code == 201

    second = open_case(version=2, previous_version=1)

    assert parts(client, second)["materials"] == "g1r6"
    assert client.put(f"{API}/cases/{first}/assignments", headers=LEAD,
                      json={"parts": {"materials": "g1r1"}}).status_code == 409
