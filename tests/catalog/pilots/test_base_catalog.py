"""A department derives a local implementing matter from an entry of the provincial basic
catalog; the link is kept and shown."""

from fastapi.testclient import TestClient
from sqlalchemy import text

from kit.db import Database
from tests.builders import EDITOR, MARKET, OTHER_EDITOR, PLANNING, PROVINCE
from tests.conftest import token

BASE = "/api/catalog/v1/base-catalog"
MATTERS = "/api/catalog/v1/matters"
BASIS = [{"law": "中华人民共和国城乡规划法", "article": "第四十四条",
          "text": "在城市、镇规划区内进行临时建设的，应当经城市、县人民政府城乡规划主管部门批准。"}]
ITEMS = [
    {"basic_code": "XK00044000", "name": "临时建设工程规划许可", "matter_type": "01",
     "exercise_level": "4", "operation": "upsert", "legal_basis": BASIS},
    {"basic_code": "QT00012000", "name": "建设工程档案验收", "matter_type": "20",
     "exercise_level": "3", "operation": "upsert", "legal_basis": BASIS},
    {"basic_code": "XK00099000", "name": "已取消的许可", "matter_type": "01",
     "exercise_level": "3", "operation": "cancel"},
]


def push(client: TestClient) -> None:
    answer = client.post("/api/sync/v1/base-catalog/batches", headers=PROVINCE,
                         json={"batch_id": "GD-1", "items": ITEMS})
    assert answer.json()["accepted"] == 3, answer.text


def derive(client: TestClient, basic_code: str = "XK00044000", headers: dict | None = None,
           **body: str):  # type: ignore[no-untyped-def]
    body = {"implementation_code": "430103-01-7001", "window": "planning", **body}
    return client.post(f"{BASE}/{basic_code}/derive", json=body, headers=headers or EDITOR)


def test_editor_derives_a_draft_prefilled_from_the_entry_and_the_link_is_kept(
        client: TestClient) -> None:
    push(client)
    answer = derive(client)
    assert answer.status_code == 201, answer.text
    assert answer.headers["etag"]
    draft = answer.json()
    assert draft["state"] == "draft" and draft["version"] == 1
    std = draft["standard"]
    assert (std["name"], std["matter_type"], std["exercise_level"]) == (
        "临时建设工程规划许可", "01", "4")
    assert std["legal_basis"][0]["article"] == "第四十四条"
    assert std["basic_code"] == std["derived_from"] == "XK00044000"
    assert std["department"]["code"] == PLANNING and std["window"] == "planning"
    matter = client.get(f"{MATTERS}/430103-01-7001", headers=EDITOR).json()
    assert matter["basic_code"] == "XK00044000" and matter["latest_state"] == "draft"
    entry = client.get(BASE, params={"q": "临时建设"}, headers=EDITOR).json()["items"][0]
    assert entry["matters"] == [{"implementation_code": "430103-01-7001",
                                 "name": "临时建设工程规划许可", "department_code": PLANNING,
                                 "latest_state": "draft", "derived": True}]


def test_the_derivation_is_audited(client: TestClient, db_url: str) -> None:
    push(client)
    assert derive(client).status_code == 201
    db = Database(db_url, "catalog")
    with db.session(write=False) as s:
        actions = s.scalars(text("SELECT action FROM catalog.audit_entry "
                                 "WHERE entity_id LIKE '430103-01-7001%' ORDER BY id")).all()
    db.dispose()
    assert "matter.derived" in actions and "version.drafted" in actions


def test_a_taken_implementation_code_is_refused_and_nothing_is_written(client: TestClient) -> None:
    push(client)
    assert derive(client).status_code == 201
    again = derive(client, "QT00012000")
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert client.get(MATTERS, headers=EDITOR).json()["total"] == 1
    entry = client.get(BASE, params={"q": "QT00012000"}, headers=EDITOR).json()["items"][0]
    assert entry["matters"] == []


def test_bad_derivations_are_refused_with_a_reason(client: TestClient) -> None:
    push(client)
    assert derive(client, "XK-NOPE").status_code == 404
    assert derive(client, "XK00099000").status_code == 409  # cancelled by the province
    assert derive(client, window="nowhere").status_code == 422
    assert derive(client, implementation_code="").status_code == 422
    assert derive(client, implementation_code="x" * 51).status_code == 422
    admin = token("admin", sub="admin")
    assert derive(client, headers=admin).status_code == 422  # an admin names the department
    assert derive(client, headers=admin, department=MARKET).status_code == 201
    assert client.get(MATTERS, headers=admin).json()["total"] == 1


def test_the_base_catalog_is_searchable_and_scoped(client: TestClient) -> None:
    push(client)
    derive(client)
    listed = client.get(BASE, headers=EDITOR).json()
    assert listed["total"] == 2  # the cancelled entry is left out
    assert [e["basic_code"] for e in listed["items"]] == ["QT00012000", "XK00044000"]
    everything = client.get(BASE, params={"include_cancelled": True}, headers=EDITOR).json()
    assert everything["total"] == 3
    assert [e["basic_code"] for e in client.get(BASE, params={"q": "xk00044"},
                                               headers=EDITOR).json()["items"]] == [
        "XK00044000"]
    other = client.get(BASE, params={"q": "XK00044000"}, headers=OTHER_EDITOR).json()
    assert other["items"][0]["matters"] == []  # another department's matter stays hidden
    reviewer = token("reviewer", sub="rev", group="G1")
    assert client.get(BASE, headers=reviewer).status_code == 200
    assert derive(client, headers=reviewer).status_code == 403
    assert client.get(BASE, headers=token("applicant", sub="zhang")).status_code == 403
    assert client.get(BASE, params={"size": 201}, headers=EDITOR).status_code == 422
