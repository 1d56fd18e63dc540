"""Search as a visitor uses it: words with spaces or punctuation, codes, synonyms, relevance,
did-you-mean; the lists' `q` ranked the same way."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import token
from tests.publish.conftest import MARKET, VISITOR, Deliver, Publish, cancelled, matter_document

ADMIN = token("admin", sub="admin")
BUILDING = "11430100707230200T-XK-0001"
VILLAGE = "11430100707230200T-XK-0002"
LAND = "11430100707230200T-XK-0003"
FOOD = "114301007072304006-XK-0001"
COMPANY = "114301007072304006-DJ-0001"
MATTERS = [
    matter_document(BUILDING, name="建设工程规划许可证核发", basic_code="XK00000002"),
    matter_document(VILLAGE, name="乡村建设规划许可证核发", basic_code="XK00000003"),
    matter_document(LAND, name="建设用地规划许可证核发", basic_code="XK00000001"),
    matter_document(FOOD, name="食品经营许可", department=MARKET, basic_code="XK00000011",
                    result={"name": "食品经营许可证", "type": "证照"},
                    materials=[{"name": "营业执照"}]),
    matter_document(COMPANY, name="企业设立登记", department=MARKET, basic_code="QT00000013",
                    matter_type="07", result={"name": "营业执照", "type": "证照"}),
]


@pytest.fixture
def listed(publish: Publish) -> None:
    publish(*MATTERS)


def search(client: TestClient, q: str, **params: Any) -> dict[str, Any]:
    response = client.get("/api/publish/v1/search", params={"q": q, **params}, headers=VISITOR)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def found(client: TestClient, q: str) -> list[str]:
    return [item["implementation_code"] for item in search(client, q)["items"]]


PLANNING = {BUILDING, VILLAGE, LAND}


@pytest.mark.parametrize("q", ["规划许可", "规划 许可", "规划，许可", "“规划许可”", "规划　许可"])
def test_words_are_found_across_spaces_and_punctuation(client: TestClient, listed: None,
                                                       q: str) -> None:
    assert set(found(client, q)) == PLANNING


@pytest.mark.parametrize(("q", "code"), [("XK00000002", BUILDING), ("xk00000002", BUILDING),
                                         ("ＸＫ００００００１１", FOOD), (BUILDING, BUILDING),
                                         ("qt00000013", COMPANY)])
def test_basic_and_implementation_codes_find_their_matter_first(
        client: TestClient, listed: None, q: str, code: str) -> None:
    assert found(client, q)[0] == code


def test_a_part_of_a_code_finds_the_matters_holding_it(client: TestClient, listed: None) -> None:
    assert set(found(client, "230200T-XK")) == PLANNING
    assert set(found(client, "XK-0001")) == {BUILDING, FOOD}


def test_the_exact_name_ranks_first(client: TestClient, listed: None) -> None:
    assert found(client, "乡村建设规划许可证核发")[0] == VILLAGE
    assert found(client, "食品经营许可") == [FOOD]


def test_an_everyday_word_finds_the_matter_through_its_result(client: TestClient,
                                                             listed: None) -> None:
    assert found(client, "营业执照")[0] == COMPANY


def test_a_synonym_an_administrator_keeps_widens_the_search(client: TestClient,
                                                            listed: None) -> None:
    assert found(client, "开饭店") == []
    added = client.post("/api/publish/v1/search/synonyms", headers=ADMIN,
                        json={"term": "开饭店", "targets": ["食品经营许可"]})
    assert added.status_code == 201, added.text

    assert found(client, "开饭店") == [FOOD]
    assert found(client, "我想开饭店") == [FOOD]


def test_a_typo_finds_nothing_and_suggests_the_word(client: TestClient, listed: None) -> None:
    answer = search(client, "规化许可")

    assert answer["items"] == [] and answer["total"] == 0
    assert answer["did_you_mean"][0] == "规划许可"
    assert set(found(client, answer["did_you_mean"][0])) == PLANNING


def test_unrelated_matters_sharing_one_common_word_stay_out(client: TestClient,
                                                            listed: None) -> None:
    assert FOOD not in found(client, "规划 许可")
    assert found(client, "食品 许可") == [FOOD]


def test_empty_or_punctuation_only_queries_find_nothing(client: TestClient, listed: None) -> None:
    for q in ["", "   ", "%", "，。！"]:
        answer = search(client, q)
        assert answer["items"] == [] and answer["did_you_mean"] == []


def test_results_page_through_the_ranking(client: TestClient, listed: None) -> None:
    first, second = search(client, "规划", size=2), search(client, "规划", size=2, page=2)

    assert first["total"] == 3 and len(first["items"]) == 2 and len(second["items"]) == 1
    assert first["items"][0]["department"]["name"] == "自然资源和规划局"


def test_the_power_list_ranks_its_q_by_relevance(client: TestClient, listed: None) -> None:
    response = client.get("/api/publish/v1/power-list", headers=VISITOR,
                          params={"q": "建设工程 规划"})
    codes = [item["implementation_code"] for item in response.json()["items"]]

    assert codes[0] == BUILDING and FOOD not in codes


def test_a_cancelled_matter_leaves_search(client: TestClient, listed: None,
                                         deliver: Deliver) -> None:
    assert deliver(cancelled(FOOD, 1)).status_code == 200

    assert found(client, "食品经营许可") == []


def test_a_new_version_is_found_by_its_new_name(client: TestClient, listed: None,
                                               publish: Publish) -> None:
    publish(matter_document(FOOD, version=2, name="食品经营许可（含仅销售预包装食品备案）",
                            department=MARKET))

    assert found(client, "预包装食品")[0] == FOOD


@pytest.mark.parametrize("params", [{"q": "x" * 101}, {"q": "规划\x00"}, {"page": 0},
                                    {"size": 101}, {"page": "one"}])
def test_bad_queries_are_refused_as_problems(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/publish/v1/search", params=params, headers=VISITOR)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
