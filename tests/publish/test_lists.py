"""The public lists: search, filters, paging, departments and statistics."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.publish.conftest import HEALTH, MARKET, PLANNING, VISITOR, Publish, matter_document

MATTERS = [
    matter_document("11430100707230200T-XK-0001", name="建设工程规划许可证核发"),
    matter_document("11430100707230200T-XK-0002", name="乡村建设规划许可证核发",
                    committed=15, statutory=20, online=False),
    matter_document("114301007072304006-XK-0001", name="食品经营许可", department=MARKET,
                    window="industry", committed=5, statutory=20),
    matter_document("114301007072307007-GG-0001", name="出生医学证明办理", department=HEALTH,
                    window="social", matter_type="20", committed=4, statutory=10),
]


@pytest.fixture
def listed(publish: Publish) -> None:
    publish(*MATTERS)


def codes(client: TestClient, path: str = "power-list", **params: Any) -> list[str]:
    response = client.get(f"/api/publish/v1/{path}", params=params, headers=VISITOR)
    assert response.status_code == 200, response.text
    return [item["implementation_code"] for item in response.json()["items"]]


def test_search_finds_words_of_the_name(client: TestClient, listed: None) -> None:
    assert sorted(codes(client, q="规划许可")) == ["11430100707230200T-XK-0001",
                                       "11430100707230200T-XK-0002"]
    assert codes(client, q="医学") == ["114301007072307007-GG-0001"]


def test_search_matches_the_code_regardless_of_case(client: TestClient, listed: None) -> None:
    assert codes(client, q="gg-0001") == ["114301007072307007-GG-0001"]


def test_search_treats_wildcards_literally(client: TestClient, listed: None) -> None:
    assert codes(client, q="%") == []
    assert codes(client, q="_") == []


def test_filters_by_department_window_and_matter_type(client: TestClient, listed: None) -> None:
    assert len(codes(client, department=PLANNING["code"])) == 2
    assert codes(client, window="industry") == ["114301007072304006-XK-0001"]
    assert codes(client, matter_type="20") == ["114301007072307007-GG-0001"]
    assert codes(client, department=PLANNING["code"], q="乡村") == ["11430100707230200T-XK-0002"]


def test_empty_parameters_mean_no_filter(client: TestClient, listed: None) -> None:
    params = {"q": "", "department": "", "window": "", "matter_type": "", "page": "", "size": ""}

    assert len(codes(client, **params)) == 4


def test_pages_split_the_list_without_overlap(client: TestClient, listed: None) -> None:
    first = client.get("/api/publish/v1/power-list", params={"size": 3}, headers=VISITOR).json()
    second = codes(client, size=3, page=2)

    assert (first["total"], first["page"], first["size"]) == (4, 1, 3)
    assert len(first["items"]) == 3 and len(second) == 1
    assert {i["implementation_code"] for i in first["items"]}.isdisjoint(second)
    assert codes(client, size=3, page=9) == []


@pytest.mark.parametrize("params", [{"size": 101}, {"size": 0}, {"page": 0}, {"page": "two"},
                                    {"page": 10**30}, {"q": "规划\x00"}, {"q": "x" * 101}])
def test_bad_query_parameters_are_refused(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/publish/v1/power-list", params=params, headers=VISITOR)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"]


def test_the_process_list_gives_steps_with_limits(client: TestClient, listed: None) -> None:
    page = client.get("/api/publish/v1/process-list", params={"window": "social"},
                      headers=VISITOR).json()

    item = page["items"][0]
    assert [s["name"] for s in item["steps"]] == ["受理", "审查", "决定"]
    assert item["steps"][1] == {"name": "审查", "actor": "规划许可科", "limit": 2}
    assert (item["committed_limit"], item["statutory_limit"]) == (4, 10)
    assert page["last_changed"] == "2026-11-11T01:30:00Z"


def test_departments_count_their_published_matters(client: TestClient, listed: None) -> None:
    departments = client.get("/api/publish/v1/departments", headers=VISITOR).json()["items"]

    assert departments[0] == {**PLANNING, "matters": 2}
    assert {d["code"]: d["matters"] for d in departments[1:]} == {MARKET["code"]: 1,
                                                                  HEALTH["code"]: 1}


def test_statistics_sum_up_the_published_matters(client: TestClient, listed: None) -> None:
    stats = client.get("/api/publish/v1/statistics", headers=VISITOR).json()

    assert stats["matters"] == 4
    assert stats["per_window"][0] == {"window": "planning", "matters": 2}
    assert {t["matter_type"]: t["matters"] for t in stats["per_matter_type"]} == {"01": 3,
                                                                                 "20": 1}
    assert stats["online_share"] == 0.75
    assert stats["average_committed_limit"] == 8.5
    assert stats["average_statutory_limit"] == 17.5


def test_statistics_of_an_empty_portal(client: TestClient) -> None:
    stats = client.get("/api/publish/v1/statistics", headers=VISITOR).json()

    assert stats["matters"] == 0
    assert stats["online_share"] is None


@pytest.mark.parametrize("path", ["power-list", "responsibility-list", "process-list",
                                  "departments"])
def test_a_list_page_is_revalidated_by_its_etag_until_the_lists_change(
        client: TestClient, publish: Publish, path: str) -> None:
    publish(*MATTERS[:2])
    url = f"/api/publish/v1/{path}"
    first = client.get(url, params={"size": 5}, headers=VISITOR)
    etag = first.headers["etag"]

    unchanged = client.get(url, params={"size": 5}, headers={**VISITOR, "If-None-Match": etag})
    publish(MATTERS[2])
    changed = client.get(url, params={"size": 5}, headers={**VISITOR, "If-None-Match": etag})

    assert first.status_code == 200 and "stale-while-revalidate" in first.headers["cache-control"]
    assert (unchanged.status_code, unchanged.content, unchanged.headers["etag"]) == (304, b"", etag)
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert "食品经营许可" in changed.text or "市场监督管理局" in changed.text
