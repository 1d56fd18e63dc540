"""The public pages over real HTTP on the demo zone: the power list, the guides, home."""

from collections.abc import Iterator

import httpx
import pytest


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[httpx.Client]:
    """A client of the demo platform."""
    with httpx.Client(base_url=demo_url, timeout=10) as client:
        yield client


def test_the_power_list_shows_the_demo_matters_in_chinese(site: httpx.Client) -> None:
    page = site.get("/power-list")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in page.text
    for text in ("权力清单", "建设工程规划许可证核发", "食品经营许可", "自然资源和规划局",
                 "规划建设窗口", "承诺时限/法定时限"):
        assert text in page.text


def test_a_search_narrows_the_list(site: httpx.Client) -> None:
    page = site.get("/power-list", params={"q": "建设工程规划"})
    assert "建设工程规划许可证核发" in page.text
    assert "食品经营许可" not in page.text
    assert "/guides/430103-01-0002" in page.text


def test_the_department_filter_keeps_one_department(site: httpx.Client) -> None:
    page = site.get("/power-list", params={"department": "114301007072304006"})
    assert "食品经营许可" in page.text
    assert "建设工程规划许可证核发" not in page.text


def test_an_htmx_request_gets_only_the_fragment(site: httpx.Client) -> None:
    page = site.get("/power-list", params={"q": "食品"}, headers={"HX-Request": "true"})
    assert page.status_code == 200
    assert "<html" not in page.text and "<header" not in page.text
    assert 'id="results"' in page.text and "食品经营许可" in page.text
    assert page.headers["vary"] == "HX-Request, Cookie"  # a public page: the language cookie
    full = site.get("/power-list", params={"q": "食品"})
    assert "<html" in full.text and full.headers["vary"] == "HX-Request, Cookie"


def test_the_guide_shows_every_element_and_the_way_to_apply(site: httpx.Client) -> None:
    page = site.get("/guides/430103-01-0002")
    assert page.status_code == 200
    for text in ("建设工程规划许可证核发", "设定依据", "中华人民共和国城乡规划法", "受理条件",
                 "建设工程规划许可申请表", "承诺办结时限", "7 个工作日", "收费", "办理流程",
                 "裁量基准", "三级（网上预审）", "领取纸质证照原件", "建设工程规划许可证"):
        assert text in page.text, text
    assert "/sign-in?next=/apply/430103-01-0002" in page.text


def test_an_unknown_guide_is_a_readable_404_page(site: httpx.Client) -> None:
    page = site.get("/guides/NO-SUCH-MATTER")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "没有找到该事项的办事指南" in page.text and "<html" in page.text


def test_the_home_page_searches_and_leads_to_the_lists(site: httpx.Client) -> None:
    page = site.get("/")
    assert page.status_code == 200
    assert "一窗通" in page.text and 'action="/search"' in page.text
    for path in ("/power-list", "/responsibility-list", "/process-list", "/statistics"):
        assert f'href="{path}"' in page.text, path


def test_a_page_number_in_other_digits_shows_the_first_page_not_an_error(
        site: httpx.Client) -> None:
    for odd in ("²", "٣", "1e3", "99999999999999999999"):
        page = site.get("/power-list", params={"page": odd})
        assert page.status_code == 200, odd
        assert "建设工程规划许可证核发" in page.text
