"""The provincial contract, as the provincial catalog system calls it."""

from fastapi.testclient import TestClient

from tests.builders import EDITOR, FEED, PROVINCE, follow, publish_new, standard
from tests.conftest import token


def test_feed_returns_every_publication_once_in_order_and_never_drafts(client: TestClient) -> None:
    publish_new(client, "430103-01-9001")
    client.post("/api/catalog/v1/matters", json=standard("430103-01-9002"), headers=EDITOR)
    publish_new(client, "430103-01-9003")
    client.post("/api/catalog/v1/matters/430103-01-9001/cancel", headers=EDITOR)
    expected = [("upsert", "430103-01-9001", 1), ("upsert", "430103-01-9003", 1),
                ("cancel", "430103-01-9001", 1)]
    assert follow(client, limit=1) == expected
    assert follow(client, limit=1000) == expected


def test_feed_document_has_every_contract_field(client: TestClient) -> None:
    publish_new(client)
    matter = client.get(FEED, headers=PROVINCE).json()["items"][0]["matter"]
    required = {"implementation_code", "basic_code", "version", "name", "matter_type",
                "exercise_level", "department", "window", "service_objects", "legal_basis",
                "conditions", "materials", "statutory_limit", "committed_limit",
                "limit_unit", "fees", "steps", "discretion_benchmarks", "channels",
                "result", "effective_from", "published_at"}
    assert required <= matter.keys()
    assert matter["version"] == 1 and "+00:00" in matter["published_at"]


def test_bad_cursor_and_limits_are_422(client: TestClient) -> None:
    for params in ({"cursor": "not-ours"}, {"cursor": "ZmVlZDotNQ"}, {"limit": 0},
                   {"limit": 1001}):
        response = client.get(FEED, params=params, headers=PROVINCE)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"


def test_single_matter_with_etag_and_versions(client: TestClient) -> None:
    publish_new(client)
    current = client.get(f"{FEED}/430103-01-9001", headers=PROVINCE)
    assert current.status_code == 200 and current.headers["etag"]
    assert client.get(f"{FEED}/430103-01-9001", headers={
        **PROVINCE, "If-None-Match": current.headers["etag"]}).status_code == 304
    assert client.get(f"{FEED}/430103-01-9001", params={"version": 1},
                      headers=PROVINCE).json()["version"] == 1
    assert client.get(f"{FEED}/430103-01-9001", params={"version": 2},
                      headers=PROVINCE).status_code == 404
    assert client.get(f"{FEED}/nope", headers=PROVINCE).status_code == 404


def test_unpublished_matter_is_not_visible_to_the_province(client: TestClient) -> None:
    client.post("/api/catalog/v1/matters", json=standard(), headers=EDITOR)
    assert client.get(f"{FEED}/430103-01-9001", headers=PROVINCE).status_code == 404


def test_only_the_provincial_system_may_call(client: TestClient) -> None:
    assert client.get(FEED).status_code == 401
    assert client.get(FEED, headers=EDITOR).status_code == 403


def batch(batch_id: str, items: list) -> dict:  # type: ignore[type-arg]
    return {"batch_id": batch_id, "items": items}


ITEM = {"basic_code": "XK00001000", "name": "建设工程规划许可证核发", "matter_type": "01",
        "exercise_level": "3", "operation": "upsert",
        "legal_basis": [{"law": "中华人民共和国城乡规划法", "article": "第四十条", "text": "…"}]}


def test_base_catalog_batch_applies_valid_items_and_reports_the_rest(client: TestClient) -> None:
    items = [ITEM, {**ITEM, "basic_code": "XK2", "legal_basis": []},
             {**ITEM, "basic_code": "XK3", "matter_type": "99"}, "not an object"]
    response = client.post("/api/sync/v1/base-catalog/batches",
                           json=batch("GD-2026-11-0001", items), headers=PROVINCE)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["accepted"] == 1
    assert [r["index"] for r in body["rejected"]] == [1, 2, 3]
    assert all(r["errors"] and "msg" in r["errors"][0] for r in body["rejected"])


def test_same_batch_id_returns_the_first_response_and_changes_nothing(client: TestClient) -> None:
    url = "/api/sync/v1/base-catalog/batches"
    first = client.post(url, json=batch("B1", [ITEM]), headers=PROVINCE).json()
    second = client.post(url, json=batch("B1", [ITEM, {**ITEM, "basic_code": "XK9"}]),
                         headers=PROVINCE)
    assert second.status_code == 200 and second.json() == first


def test_oversized_batch_is_413(client: TestClient) -> None:
    items = [{**ITEM, "basic_code": f"XK{i}"} for i in range(5001)]
    response = client.post("/api/sync/v1/base-catalog/batches", json=batch("BIG", items),
                           headers=PROVINCE)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_anomaly_is_received_once_and_unknown_versions_are_422(client: TestClient) -> None:
    publish_new(client)
    anomaly = {"anomaly_id": "GD-AB-000123", "implementation_code": "430103-01-9001",
               "version": 1, "field": "materials[0].legal_basis",
               "message": "材料缺少设定依据", "severity": "error"}
    first = client.post("/api/sync/v1/anomalies", json=anomaly, headers=PROVINCE)
    assert first.status_code == 202
    assert first.json() == {"anomaly_id": "GD-AB-000123", "status": "received"}
    again = client.post("/api/sync/v1/anomalies", json=anomaly, headers=PROVINCE)
    assert again.status_code == 202 and again.json() == first.json()
    for wrong in ({"version": 7}, {"implementation_code": "nope"}):
        response = client.post("/api/sync/v1/anomalies", json={
            **anomaly, "anomaly_id": "X", **wrong}, headers=PROVINCE)
        assert response.status_code == 422
    todo = client.get("/api/catalog/v1/todo", headers=EDITOR)
    assert [a["anomaly_id"] for a in todo.json()["anomalies"]] == ["GD-AB-000123"]


def test_a_key_without_the_provincial_role_is_403(client: TestClient) -> None:
    assert client.post("/api/sync/v1/anomalies", json={},
                       headers=token("admin")).status_code == 403


def test_contract_document_keeps_conditions_as_strings_with_details_beside(
        client: TestClient) -> None:
    basis = {"law": "中华人民共和国城乡规划法", "article": "第四十条", "text": "…",
             "clause": "第一款", "effective_date": "2019-04-23"}
    publish_new(client, conditions=[{"text": "已取得建设项目批准文件", "legal_basis": [basis]}])
    matter = client.get(f"{FEED}/430103-01-9001", headers=PROVINCE).json()
    assert matter["conditions"] == ["已取得建设项目批准文件"]
    assert matter["condition_details"][0]["legal_basis"][0]["clause"] == "第一款"
