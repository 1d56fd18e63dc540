"""Downloads of the whole filtered lists (CSV for Excel, JSON) and the open-data JSON-LD."""

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from catalog.cpsv.export import public_service
from tests.publish.conftest import (
    MARKET,
    PLANNING,
    VISITOR,
    Deliver,
    Publish,
    cancelled,
    matter_document,
    published,
)

API = "/api/publish/v1"
# More planning matters than fit one page of the list (20): a download holds them all.
MATTERS = [matter_document(f"11430100707230200T-XK-{n:04d}", name=f"规划许可事项{n}")
           for n in range(1, 24)]
FOOD = matter_document("114301007072304006-XK-0001", name="=食品经营许可", department=MARKET,
                       window="industry", matter_type="20",
                       complaint={"phone": "12345", "address": None, "online": None})


def rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_csv_download_holds_the_whole_filtered_list(client: TestClient,
                                                      publish: Publish) -> None:
    publish(*MATTERS, FOOD)

    response = client.get(f"{API}/power-list/download",
                          params={"format": "csv", "department": PLANNING["code"]},
                          headers=VISITOR)
    table = rows(response)

    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="power-list-2026-11-11.csv"')
    assert table[0][:4] == ["事项编码", "事项名称", "事项类型", "实施主体"]
    assert len(table) == 1 + 23
    assert table[1][:4] == ["11430100707230200T-XK-0001", "规划许可事项1", "行政许可",
                            "自然资源和规划局"]


@pytest.mark.parametrize(("path", "column", "text"), [
    ("responsibility-list", "投诉方式", "12345"),
    ("responsibility-list", "责任事项", "事后监管（市场监督管理局）"),
    ("responsibility-list", "追责情形", "《中华人民共和国行政许可法》第七十四条"),
    ("process-list", "办理流程", "2. 审查（规划许可科，8 个工作日）")])
def test_each_list_downloads_its_own_columns(client: TestClient, publish: Publish, path: str,
                                             column: str, text: str) -> None:
    publish(FOOD)

    table = rows(client.get(f"{API}/{path}/download", params={"matter_type": "20"},
                            headers=VISITOR))

    assert text in table[1][table[0].index(column)]


def test_a_name_excel_would_read_as_a_formula_stays_text(client: TestClient,
                                                         publish: Publish) -> None:
    publish(FOOD)

    table = rows(client.get(f"{API}/power-list/download", headers=VISITOR))

    assert table[1][1] == "'=食品经营许可"


def test_a_json_download_names_the_list_its_date_and_filters(client: TestClient,
                                                              publish: Publish) -> None:
    publish(*MATTERS, FOOD)

    response = client.get(f"{API}/process-list/download",
                          params={"format": "json", "q": "规划许可事项2"}, headers=VISITOR)
    body = json.loads(response.content)

    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"].endswith('process-list-2026-11-11.json"')
    assert (body["list"], body["title"], body["last_changed"]) == (
        "process-list", "流程清单", "2026-11-11T01:30:00Z")
    assert body["filters"] == {"q": "规划许可事项2"}
    listed = client.get(f"{API}/process-list", params={"q": "规划许可事项2", "size": 100},
                        headers=VISITOR).json()
    assert body["total"] == len(body["items"]) == listed["total"] >= 1  # the list's own search
    assert [m["name"] for m in body["items"]] == [m["name"] for m in listed["items"]]
    assert body["items"][0]["steps"][0] == {"name": "受理", "actor": "规划建设窗口", "limit": 1}


@pytest.mark.parametrize("params", [{"format": "xlsx"}, {"department": "x" * 101},
                                    {"q": "规划\x00"}])
def test_a_bad_download_is_refused(client: TestClient, params: dict[str, str]) -> None:
    response = client.get(f"{API}/power-list/download", params=params, headers=VISITOR)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["power-list/download", "open-data/catalog.jsonld"])
def test_downloads_need_a_token_like_every_endpoint(client: TestClient, path: str) -> None:
    assert client.get(f"{API}/{path}").status_code == 401


def linked(document: dict[str, Any]) -> dict[str, Any]:
    """The publication event with the JSON-LD catalog's export makes of the document."""
    event = published(document)
    event["payload"]["jsonld"] = public_service(document, window_name="规划建设窗口")
    return event


def test_the_open_data_dump_holds_every_current_matter_once(client: TestClient,
                                                             deliver: Deliver) -> None:
    first, second, gone = MATTERS[:3]
    for document in (first, second, gone, {**first, "version": 2, "name": "改名后的事项",
                                           "published_at": "2026-11-20T09:00:00+08:00"}):
        assert deliver(linked(document)).status_code == 200
    deliver(cancelled(gone["implementation_code"], 1))

    response = client.get(f"{API}/open-data/catalog.jsonld", headers=VISITOR)
    dump = json.loads(response.content)
    services = {n["dct:identifier"]: n["dct:title"]["@value"] for n in dump["@graph"]
                if n["@type"] == "PublicService"}
    ids = [n["@id"] for n in dump["@graph"]]

    assert response.headers["content-type"] == "application/ld+json"
    assert dump["@context"][0].endswith("cpsv-ap.jsonld")
    assert services == {first["implementation_code"]: "改名后的事项",
                        second["implementation_code"]: "规划许可事项2"}
    assert len(ids) == len(set(ids))  # the department, the laws and the concepts once
    assert f"urn:onewindow:department:{PLANNING['code']}" in ids


def test_a_matter_published_without_json_ld_is_left_out_of_the_dump(
        client: TestClient, publish: Publish) -> None:
    publish(FOOD)

    dump = json.loads(client.get(f"{API}/open-data/catalog.jsonld", headers=VISITOR).content)

    assert dump["@graph"] == []
    assert dump["@context"][0].endswith("cpsv-ap.jsonld")
