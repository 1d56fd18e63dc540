"""Searching and filtering the catalog's list of matters, as editors and administrators do."""

import pytest
from fastapi.testclient import TestClient

from catalog.demo_data import MATTERS as MATTERS_OF_DEMO
from tests.builders import EDITOR, MARKET, OTHER_EDITOR, conclude, publish_new, standard
from tests.conftest import token

MATTERS = "/api/catalog/v1/matters"
ADMIN = token("admin", sub="admin")
MARKET_BUREAU = {"code": MARKET, "name": "市场监督管理局"}


@pytest.fixture
def client(client: TestClient) -> TestClient:
    """Five matters of two departments in different states, types and windows."""
    publish_new(client, "430103-01-0101", name="建设工程规划许可证核发")
    publish_new(client, "430103-07-0102", name="建设工程规划条件核实", matter_type="07")
    client.post(MATTERS, json=standard("430103-01-0103", name="乡村建设规划许可证核发"),
                headers=EDITOR)
    client.post(MATTERS, json=standard("430103-01-0104", name="临时用地审批_100%"),
                headers=EDITOR)
    client.post(f"{MATTERS}/430103-01-0104/versions/1/submit", headers=EDITOR)
    client.post(MATTERS, headers=OTHER_EDITOR, json=standard(
        "430103-20-0201", name="食品经营许可证延续", matter_type="20",
        department=MARKET_BUREAU, window="industry"))
    return client


def codes(client: TestClient, headers: dict[str, str] = ADMIN, **params: object) -> list[str]:
    answer = client.get(MATTERS, params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] >= len(body["items"])
    return [m["implementation_code"] for m in body["items"]]


def test_text_search_finds_chinese_substrings_and_codes(client: TestClient) -> None:
    assert codes(client, q="规划") == ["430103-01-0101", "430103-01-0103", "430103-07-0102"]
    assert codes(client, q="工程规划许可") == ["430103-01-0101"]
    assert codes(client, q="-07-") == ["430103-07-0102"]
    assert codes(client, q="430103-20") == ["430103-20-0201"]
    assert codes(client, q="不存在的事项") == []


def test_search_wildcards_are_taken_literally(client: TestClient) -> None:
    assert codes(client, q="_100%") == ["430103-01-0104"]
    assert codes(client, q="%") == ["430103-01-0104"]
    assert codes(client, q="_") == ["430103-01-0104"]


def test_filters_by_department_state_type_and_window(client: TestClient) -> None:
    assert codes(client, department=MARKET) == ["430103-20-0201"]
    assert codes(client, state="published") == ["430103-01-0101", "430103-07-0102"]
    assert codes(client, state="draft") == ["430103-01-0103", "430103-20-0201"]
    assert codes(client, state="submitted") == ["430103-01-0104"]
    assert codes(client, matter_type="07") == ["430103-07-0102"]
    assert codes(client, window="industry") == ["430103-20-0201"]
    assert codes(client, q="规划", state="published", matter_type="01") == ["430103-01-0101"]
    assert codes(client, window="planning", department=MARKET) == []


def test_paging_keeps_the_total(client: TestClient) -> None:
    first = client.get(MATTERS, params={"size": 2}, headers=ADMIN).json()
    third = client.get(MATTERS, params={"size": 2, "page": 3}, headers=ADMIN).json()
    assert first["total"] == third["total"] == 5
    assert [m["implementation_code"] for m in first["items"]] == [
        "430103-01-0101", "430103-01-0103"]
    assert [m["implementation_code"] for m in third["items"]] == ["430103-20-0201"]
    assert client.get(MATTERS, params={"size": 2, "page": 9}, headers=ADMIN).json()["items"] == []


def test_an_editor_never_sees_another_departments_matters(client: TestClient) -> None:
    assert codes(client, EDITOR, department=MARKET) == []
    assert codes(client, OTHER_EDITOR) == ["430103-20-0201"]
    assert codes(client, OTHER_EDITOR, q="规划") == []


def test_bad_filters_are_422(client: TestClient) -> None:
    for params in ({"q": "x" * 101}, {"matter_type": "123"}, {"size": 0}, {"page": 0}):
        answer = client.get(MATTERS, params=params, headers=ADMIN)
        assert answer.status_code == 422, params
        assert answer.headers["content-type"] == "application/problem+json"


def test_the_latest_state_follows_every_version(client: TestClient) -> None:
    def latest(code: str) -> tuple[int, str]:
        item = client.get(MATTERS, params={"q": code}, headers=ADMIN).json()["items"][0]
        return item["latest_version"], item["latest_state"]

    code = "430103-01-0101"
    draft = client.post(f"{MATTERS}/{code}/versions", headers=EDITOR)
    assert latest(code) == (2, "draft")
    client.put(f"{MATTERS}/{code}/versions/2", json=standard(code, matter_type="07",
                                                             name="建设工程规划许可证核发"),
               headers={**EDITOR, "If-Match": draft.headers["etag"]})
    assert codes(client, matter_type="07") == [code, "430103-07-0102"]
    client.post(f"{MATTERS}/{code}/versions/2/submit", headers=EDITOR)
    assert latest(code) == (2, "submitted")
    conclude(client, code, 2, decision="returned")
    assert latest(code) == (2, "returned")
    assert codes(client, state="returned") == [code]


def test_demo_matters_are_found_by_state_and_window(demo_client: TestClient) -> None:
    """The demo loader goes through the service; the list knows each latest version."""
    listed = demo_client.get(MATTERS, params={"size": 200}, headers=ADMIN).json()["items"]
    assert len(listed) == len(MATTERS_OF_DEMO)
    for item in listed:
        versions = demo_client.get(f"{MATTERS}/{item['implementation_code']}",
                                   headers=ADMIN).json()["versions"]
        assert (item["latest_version"], item["latest_state"]) == (
            versions[-1]["version"], versions[-1]["state"])
    by_state = {m["latest_state"] for m in listed}
    assert sum(len(codes(demo_client, state=s, size=200)) for s in by_state) == len(listed)
    assert "published" in by_state and "superseded" not in by_state
    social = [spec for spec in MATTERS_OF_DEMO if spec[3] == "social"]
    assert len(codes(demo_client, window="social", size=200)) == len(social) > 0
    assert codes(demo_client, q="食品") == ["430103-01-0011", "430103-01-0012"]


def test_keyset_pages_follow_the_order_to_the_end(client: TestClient) -> None:
    """`next` of a full page is the `after` of the following one; the last page has none."""
    seen, after = [], None
    while True:
        params = {"size": 2, **({"after": after} if after else {})}
        body = client.get(MATTERS, params=params, headers=ADMIN).json()
        seen += [m["implementation_code"] for m in body["items"]]
        assert body["total"] == 5 and body["total_capped"] is False
        after = body["next"]
        if after is None:
            break
    assert seen == codes(client)
    searched = client.get(MATTERS, params={"q": "规划", "size": 2, "after": "430103-01-0101"},
                          headers=ADMIN).json()
    assert [m["implementation_code"] for m in searched["items"]] == [
        "430103-01-0103", "430103-07-0102"]
    assert searched["total"] == 3  # the count is of every match, not of what follows `after`


def test_a_long_list_counts_up_to_the_cap(client: TestClient,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from catalog.matters import listing
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    body = client.get(MATTERS, params={"size": 2}, headers=ADMIN).json()
    assert (body["total"], body["total_capped"], len(body["items"])) == (3, True, 2)
    assert client.get(MATTERS, params={"q": "规划"}, headers=ADMIN).json()["total_capped"] is False


def test_two_letter_searches_ignore_case(client: TestClient) -> None:
    """Two characters read the bigram index on PostgreSQL: case still does not matter."""
    client.post(MATTERS, json=standard("430103-01-0105", name="GB标准产品检验"), headers=EDITOR)
    assert codes(client, q="gb") == codes(client, q="GB") == ["430103-01-0105"]
    assert codes(client, q="品检") == ["430103-01-0105"]
