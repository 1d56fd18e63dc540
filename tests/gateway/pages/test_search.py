"""The search page (anyone) and the synonyms page (administrators), on the demo zone."""

import re

import httpx

from tests.live import signed_in


def test_a_visitor_finds_the_planning_permits_by_two_words(demo_url: str) -> None:
    page = httpx.get(f"{demo_url}/search", params={"q": "规划 许可"})

    assert page.status_code == 200
    assert "建设工程规划许可证核发" in page.text and "乡村建设规划许可证核发" in page.text
    assert 'href="/guides/430103-01-0002"' in page.text and "自然资源和规划局" in page.text
    assert "食品经营许可" not in page.text


def test_an_everyday_word_and_a_basic_code_find_their_matters(demo_url: str) -> None:
    licence = httpx.get(f"{demo_url}/search", params={"q": "营业执照"}).text
    code = httpx.get(f"{demo_url}/search", params={"q": "XK00000002"}).text

    assert "企业设立登记" in licence and "企业变更登记" in licence
    assert "建设工程规划许可证核发" in code and "共找到 1 个事项" in code


def test_a_typo_offers_did_you_mean_as_a_link(demo_url: str) -> None:
    page = httpx.get(f"{demo_url}/search", params={"q": "规化许可"}).text

    assert "没有找到与“规化许可”相关的事项" in page and "您是不是要找" in page
    assert re.search(r'href="/search\?q=%E8%A7%84%E5%88%92%E8%AE%B8%E5%8F%AF"', page)


def test_empty_and_too_long_queries_are_answered_in_words(demo_url: str) -> None:
    empty = httpx.get(f"{demo_url}/search", params={"q": "  "})
    long = httpx.get(f"{demo_url}/search", params={"q": "规" * 101})
    nothing = httpx.get(f"{demo_url}/search", params={"q": "量子计算机"})

    assert empty.status_code == 200 and "请输入要办的事" in empty.text
    assert long.status_code == 200 and "搜索词太长了" in long.text
    assert nothing.status_code == 200 and "没有找到与“量子计算机”相关的事项" in nothing.text


def test_the_home_page_searches_on_the_search_page(demo_url: str) -> None:
    assert 'action="/search"' in httpx.get(f"{demo_url}/").text


def test_the_administrator_adds_changes_and_deletes_a_synonym(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    assert "搜索同义词" in admin.get("/admin/synonyms").text
    added = admin.post("/admin/synonyms", data={"csrf_token": csrf, "term": "量子办事",
                                                "targets": "规划许可，施工许可"})
    assert added.status_code == 303
    page = admin.get(added.headers["location"]).text
    found = re.search(r'id="term-(\d+)"[^>]*value="量子办事"', page)
    assert found and "同义词已保存" in page
    synonym_id = found[1]
    assert "规划许可证" in admin.get("/search", params={"q": "量子办事"}).text
    refused = admin.post(f"/admin/synonyms/{synonym_id}", headers={"HX-Request": "true"},
                         data={"csrf_token": csrf, "term": "量子办事", "targets": "量子办事"})
    assert refused.status_code == 422 and "未保存" in refused.text
    gone = admin.post(f"/admin/synonyms/{synonym_id}/delete", headers={"HX-Request": "true"},
                      data={"csrf_token": csrf})
    assert gone.status_code == 200 and "同义词已删除" in gone.text and "量子办事" not in gone.text
