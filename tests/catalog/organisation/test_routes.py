"""Departments and windows as the zone's administrator keeps them."""

import pytest
from fastapi.testclient import TestClient

from catalog.models import audit
from tests.conftest import audit_actions, token

API = "/api/catalog/v1"
ADMIN = token("admin", sub="admin")
CENTRE = "11430100707230800W"  # a valid unified social credit code no demo department holds
PLANNING = "11430100707230200T"  # 自然资源和规划局


def test_the_administrator_adds_a_department_under_a_parent_serving_two_windows(
        client: TestClient, db_url: str) -> None:
    created = client.post(f"{API}/departments", headers=ADMIN, json={
        "code": f" {CENTRE.lower()} ", "name": "不动产登记中心", "parent_code": PLANNING,
        "windows": ["planning", "investment", "planning"]})

    assert created.status_code == 201, created.text
    expected = {"code": CENTRE, "name": "不动产登记中心", "is_pilot": False,
                "parent_code": PLANNING, "windows": ["investment", "planning"]}
    assert created.json() == expected
    listed = client.get(f"{API}/departments", headers=token("editor", department=PLANNING))
    assert expected in listed.json()
    assert audit_actions(db_url, audit, entity="department", entity_id=CENTRE) == [
        "department.created"]


@pytest.mark.parametrize("code", ["114301007072301006", "91430103MA4L0", "not-a-code"])
def test_a_wrong_credit_code_is_refused_with_the_reason(client: TestClient, code: str) -> None:
    response = client.post(f"{API}/departments", headers=ADMIN,
                           json={"code": code, "name": "某局"})

    assert response.status_code == 422
    assert "unified social credit code" in response.text


def test_a_department_code_is_taken_once(client: TestClient) -> None:
    response = client.post(f"{API}/departments", headers=ADMIN,
                           json={"code": PLANNING, "name": "重复的局"})

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"


def test_editing_renames_moves_and_changes_windows_and_is_audited(
        client: TestClient, db_url: str) -> None:
    client.post(f"{API}/departments", headers=ADMIN, json={"code": CENTRE, "name": "中心"})

    edited = client.put(f"{API}/departments/{CENTRE}", headers=ADMIN, json={
        "name": "不动产登记中心", "parent_code": PLANNING, "windows": ["social"]})

    assert edited.status_code == 200, edited.text
    assert (edited.json()["name"], edited.json()["parent_code"], edited.json()["windows"]) == (
        "不动产登记中心", PLANNING, ["social"])
    assert audit_actions(db_url, audit, entity="department", entity_id=CENTRE) == [
        "department.created", "department.updated"]


def test_a_department_cannot_sit_under_itself_or_its_own_child(client: TestClient) -> None:
    client.post(f"{API}/departments", headers=ADMIN,
                json={"code": CENTRE, "name": "中心", "parent_code": PLANNING})

    itself = client.put(f"{API}/departments/{CENTRE}", headers=ADMIN,
                        json={"name": "中心", "parent_code": CENTRE})
    circle = client.put(f"{API}/departments/{PLANNING}", headers=ADMIN,
                        json={"name": "自然资源和规划局", "parent_code": CENTRE})

    assert (itself.status_code, circle.status_code) == (422, 422)
    assert "its own parent" in circle.json()["detail"]
    planning = next(d for d in client.get(f"{API}/departments", headers=ADMIN).json()
                    if d["code"] == PLANNING)
    assert planning["parent_code"] is None


@pytest.mark.parametrize("change", [{"name": "中心", "parent_code": "11430100707230900J"},
                                    {"name": "中心", "windows": ["no-such-window"]},
                                    {"name": ""}, {"name": "中心", "extra": 1},
                                    # a control character could not go into the Excel template
                                    {"name": "中\b心"}])
def test_an_unknown_parent_or_window_or_a_bad_field_is_refused(client: TestClient,
                                                              change: dict[str, object]) -> None:
    response = client.put(f"{API}/departments/{PLANNING}", headers=ADMIN, json=change)

    assert response.status_code == 422


def test_an_unknown_department_is_not_found(client: TestClient) -> None:
    response = client.put(f"{API}/departments/{CENTRE}", headers=ADMIN, json={"name": "中心"})

    assert response.status_code == 404


def test_the_administrator_opens_and_renames_a_window(client: TestClient, db_url: str) -> None:
    opened = client.post(f"{API}/windows", headers=ADMIN,
                         json={"code": "tax", "name": "税务窗口"})
    renamed = client.put(f"{API}/windows/tax", headers=ADMIN, json={"name": "税费综合窗口"})

    assert (opened.status_code, renamed.status_code) == (201, 200)
    assert {"code": "tax", "name": "税费综合窗口", "address": None, "hours": None,
            "phone": None} in client.get(f"{API}/windows", headers=ADMIN).json()
    assert audit_actions(db_url, audit, entity="window", entity_id="tax") == [
        "window.created", "window.updated"]


@pytest.mark.parametrize(("body", "status"), [({"code": "planning", "name": "又一个"}, 409),
                                              ({"code": "Tax Hall", "name": "税务"}, 422),
                                              ({"code": "tax", "name": " "}, 422)])
def test_a_taken_or_malformed_window_is_refused(client: TestClient, body: dict[str, str],
                                                status: int) -> None:
    assert client.post(f"{API}/windows", headers=ADMIN, json=body).status_code == status


@pytest.mark.parametrize("role", ["editor", "publisher", "supervisor", "reviewer", "clerk"])
def test_only_the_administrator_writes_the_organisation(client: TestClient, role: str) -> None:
    headers = token(role, department=PLANNING, group="G1")

    writes = [client.post(f"{API}/departments", headers=headers,
                          json={"code": CENTRE, "name": "中心"}),
              client.put(f"{API}/departments/{PLANNING}", headers=headers, json={"name": "x"}),
              client.post(f"{API}/windows", headers=headers, json={"code": "tax", "name": "税"}),
              client.put(f"{API}/windows/planning", headers=headers, json={"name": "x"})]

    assert [w.status_code for w in writes] == [403] * 4
    assert client.post(f"{API}/windows", json={"code": "tax", "name": "税"}).status_code == 401


def test_the_demo_departments_serve_the_windows_of_their_matters(
        demo_client: TestClient) -> None:
    departments = {d["code"]: d for d in demo_client.get(f"{API}/departments",
                                                         headers=ADMIN).json()}

    assert departments[PLANNING]["windows"] == ["planning"]
    assert departments["11430100707230500U"]["windows"] == ["industry", "planning"]
