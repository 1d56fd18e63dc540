"""Review groups as the administrator creates and edits them: code, name, domains and the
windows each owns outright (its rules on a window alone)."""

import pytest
from fastapi.testclient import TestClient

from review.models import audit
from tests.conftest import audit_actions, token

API = "/api/review/v1"
ADMIN = token("admin", sub="admin")


def group(client: TestClient, code: str) -> dict[str, object]:
    return next(g for g in client.get(f"{API}/groups", headers=ADMIN).json()
                if g["code"] == code)


def test_a_new_group_owns_its_windows_through_rules_after_the_others(
        client: TestClient, db_url: str) -> None:
    created = client.post(f"{API}/groups", headers=ADMIN, json={
        "code": "G4", "name": "审核四组", "domains": "税费、金融", "windows": ["tax"]})

    assert created.status_code == 201, created.text
    assert created.json() == {"code": "G4", "name": "审核四组", "domains": "税费、金融",
                              "windows": ["tax"], "is_default": False}
    last = client.get(f"{API}/routing", headers=ADMIN).json()["rules"][-1]
    assert (last["position"], last["window"], last["group"]) == (6, "tax", "G4")
    assert audit_actions(db_url, audit, entity="review_group", entity_id="G4") == [
        "group.created"]


def test_editing_a_group_renames_it_and_changes_the_windows_it_owns(
        client: TestClient, db_url: str) -> None:
    edited = client.put(f"{API}/groups/G2", headers=ADMIN, json={
        "name": "市场准入审核组", "domains": "市场准入", "windows": ["industry", "tax"]})

    assert edited.status_code == 200, edited.text
    assert group(client, "G2") == {"code": "G2", "name": "市场准入审核组", "domains": "市场准入",
                                   "windows": ["industry", "tax"], "is_default": False}
    windows = [(r["window"], r["group"]) for r in
               client.get(f"{API}/routing", headers=ADMIN).json()["rules"]]
    assert ("supervision", "G2") not in windows and windows[-1] == ("tax", "G2")
    assert audit_actions(db_url, audit, entity="review_group", entity_id="G2")[-1] == (
        "group.updated")


@pytest.mark.parametrize(("body", "status"), [
    ({"code": "G1", "name": "又一个一组"}, 409),
    ({"code": "unrouted", "name": "x"}, 422),  # group codes are upper-case
    ({"code": "G5", "name": ""}, 422),
    ({"code": "G5", "name": "x", "windows": [""]}, 422),
])
def test_a_taken_or_malformed_group_is_refused(client: TestClient, body: dict[str, object],
                                               status: int) -> None:
    response = client.post(f"{API}/groups", headers=ADMIN, json=body)

    assert response.status_code == status
    assert [g["code"] for g in client.get(f"{API}/groups", headers=ADMIN).json()] == [
        "G1", "G2", "G3"]


def test_an_unknown_group_is_not_found(client: TestClient) -> None:
    assert client.put(f"{API}/groups/G9", headers=ADMIN, json={"name": "x"}).status_code == 404
