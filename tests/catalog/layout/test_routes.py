"""GET /api/catalog/v1/standard/layout: for any signed caller, cacheable, 304 when current."""

from fastapi.testclient import TestClient

from catalog.layout.elements import SECTIONS
from tests.conftest import token

LAYOUT = "/api/catalog/v1/standard/layout"
PUBLIC = token("public", sub="visitor")


def test_any_caller_with_a_token_reads_the_layout_in_reading_order(client: TestClient) -> None:
    response = client.get(LAYOUT, headers=PUBLIC)
    assert response.status_code == 200
    body = response.json()
    assert [s["key"] for s in body["sections"]] == [s.key for s in SECTIONS]
    basic = body["sections"][0]
    assert basic["label"] == {"zh": "基本信息", "en": "Basic information"}
    matter_type = next(e for e in basic["elements"] if e["key"] == "matter_type")
    assert matter_type["kind"] == "choice" and matter_type["required"] is True
    assert {"value": "01", "label": {"zh": "行政许可", "en": "Administrative licensing"}} \
        in matter_type["choices"]
    materials = next(s for s in body["sections"] if s["key"] == "materials")["elements"][0]
    assert materials["kind"] == "list" and materials["row"]["zh"] == "材料 {n}"
    name = materials["elements"][0]
    assert (name["path"], name["label"]["zh"]) == ("materials.name", "材料名称")
    assert body["yes_no"][0] == {"value": True, "label": {"zh": "是", "en": "Yes"}}
    assert client.get(LAYOUT).status_code == 401


def test_the_layout_has_a_strong_etag_and_answers_304_to_a_current_copy(
        client: TestClient) -> None:
    first = client.get(LAYOUT, headers=PUBLIC)
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert "max-age" in first.headers["cache-control"]
    again = client.get(LAYOUT, headers=token("editor", sub="editor"))
    assert again.headers["etag"] == etag and again.content == first.content
    for current in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        cached = client.get(LAYOUT, headers={**PUBLIC, "If-None-Match": current})
        assert cached.status_code == 304 and cached.content == b""
        assert cached.headers["etag"] == etag
    stale = client.get(LAYOUT, headers={**PUBLIC, "If-None-Match": '"an-old-layout"'})
    assert stale.status_code == 200 and stale.json() == first.json()
