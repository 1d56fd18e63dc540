"""The department's to-do list: anomalies and returned versions, and answering an anomaly."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text

from kit.db import Database
from tests.builders import (
    EDITOR,
    MATTERS,
    OTHER_EDITOR,
    PROVINCE,
    conclude,
    publish_new,
    standard,
)
from tests.conftest import token

TODO = "/api/catalog/v1/todo"
ADMIN = token("admin", sub="admin")
REVIEWER = token("reviewer", sub="reviewer", group="G1")
ANOMALY = {"anomaly_id": "GD-AB-000777", "implementation_code": "430103-01-9001", "version": 1,
           "field": "materials[0].name", "message": "材料名称不规范", "severity": "warning"}


def todo(client: TestClient, who: dict[str, str]) -> dict[str, Any]:
    response = client.get(TODO, headers=who)
    assert response.status_code == 200, response.text
    return response.json()


def reported(client: TestClient) -> None:
    """Version 1 of 430103-01-9001 published, and the province's anomaly about it."""
    publish_new(client)
    assert client.post("/api/sync/v1/anomalies", json=ANOMALY,
                       headers=PROVINCE).status_code == 202


def test_the_list_holds_the_departments_anomalies_and_returned_versions(
        client: TestClient) -> None:
    reported(client)
    assert client.post(MATTERS, json=standard("430103-01-9002"), headers=EDITOR).status_code == 201
    client.post(f"{MATTERS}/430103-01-9002/versions/1/submit", headers=EDITOR)
    conclude(client, "430103-01-9002", 1, decision="returned")
    mine = todo(client, EDITOR)
    assert [(a["anomaly_id"], a["status"]) for a in mine["anomalies"]] == [("GD-AB-000777",
                                                                           "open")]
    assert [(r["implementation_code"], r["version"], r["feedback"]["summary"])
            for r in mine["returned"]] == [("430103-01-9002", 1, "材料表述清晰")]
    assert todo(client, OTHER_EDITOR) == {"anomalies": [], "returned": [], "revisions": []}
    zone = todo(client, ADMIN)
    assert len(zone["anomalies"]) == 1 and len(zone["returned"]) == 1
    assert client.get(TODO).status_code == 401


def test_an_answered_anomaly_leaves_the_list_and_is_audited(client: TestClient,
                                                            db_url: str) -> None:
    reported(client)
    resolve = f"/api/catalog/v1/anomalies/{ANOMALY['anomaly_id']}/resolve"
    answer = {"answer": "已在第 2 版规范材料名称"}
    assert client.post(resolve, json=answer, headers=OTHER_EDITOR).status_code == 404
    assert client.post(resolve, json=answer, headers=REVIEWER).status_code == 403
    assert client.post(resolve, json={"answer": " "}, headers=EDITOR).status_code == 422
    resolved = client.post(resolve, json=answer, headers=EDITOR)
    assert resolved.status_code == 200, resolved.text
    assert (resolved.json()["status"], resolved.json()["resolution"]) == ("resolved",
                                                                          answer["answer"])
    assert todo(client, EDITOR)["anomalies"] == []
    db = Database(db_url, "catalog")
    with db.session(write=False) as s:
        actions = s.scalars(text("SELECT action FROM catalog.audit_entry "
                                 "WHERE entity_id = :id ORDER BY id"),
                            {"id": ANOMALY["anomaly_id"]}).all()
    db.dispose()
    assert list(actions) == ["anomaly.received", "anomaly.resolved"]
