"""The three public lists and the open-data page over real HTTP on the demo zone."""

import csv
import io
import json
from collections.abc import Iterator

import httpx
import pytest

MARKET = "114301007072304006"


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[httpx.Client]:
    """An anonymous client of the demo platform."""
    with httpx.Client(base_url=demo_url, timeout=10) as client:
        yield client


def test_the_home_page_links_the_three_lists_and_open_data(site: httpx.Client) -> None:
    page = site.get("/")
    for path in ("/power-list", "/responsibility-list", "/process-list", "/open-data"):
        assert f'href="{path}"' in page.text
        assert site.get(path).status_code == 200, path


@pytest.mark.parametrize("path", ["/power-list", "/responsibility-list", "/process-list"])
def test_each_list_says_when_it_changed_and_offers_its_downloads(site: httpx.Client,
                                                                 path: str) -> None:
    page = site.get(path, params={"department": MARKET, "window": "industry"})
    assert page.status_code == 200
    assert "清单更新于" in page.text
    assert "食品经营许可" in page.text and "建设工程规划许可证核发" not in page.text
    assert (f"/api/publish/v1{path}/download?format=csv&amp;department={MARKET}"
            "&amp;window=industry") in page.text
    for label in ("实施主体", "窗口", "事项类型", "事项名称或编码"):
        assert f">{label}</label>" in page.text


def test_the_responsibility_list_shows_duties_contacts_and_accountability(
        site: httpx.Client) -> None:
    page = site.get("/responsibility-list", params={"q": "食品经营"})
    for text in ("受理</strong>：产业服务窗口", "事后监管</strong>：市场监督管理局",
                 "0731-85891504", "12345", "监督投诉窗口", "追责情形",
                 "《中华人民共和国行政许可法》第七十二条", "对符合法定条件的申请不予受理"):
        assert text in page.text, text


@pytest.mark.parametrize("path", ["/power-list", "/responsibility-list", "/process-list"])
def test_an_htmx_filter_gets_the_results_only(site: httpx.Client, path: str) -> None:
    fragment = site.get(path, params={"department": MARKET}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and 'id="results"' in fragment.text
    assert "市场监督管理局" in fragment.text


def test_the_process_list_shows_steps_posts_and_limits(site: httpx.Client) -> None:
    page = site.get("/process-list", params={"q": "建设工程规划"})
    for text in ("建设工程规划许可证核发", "受理（规划建设窗口，1 个工作日）",
                 "审查（自然资源和规划局业务科室", "7 / 20 个工作日"):
        assert text in page.text, text


def test_a_filter_by_matter_type_keeps_that_type(site: httpx.Client) -> None:
    page = site.get("/power-list", params={"matter_type": "20"})
    assert "行政许可</span>" not in page.text
    assert "共 0 个事项" not in page.text


def test_the_csv_opens_in_excel_with_the_filtered_rows(site: httpx.Client) -> None:
    answer = site.get("/api/publish/v1/responsibility-list/download",
                      params={"format": "csv", "department": MARKET})
    assert answer.headers["content-disposition"].startswith("attachment; filename=")
    assert answer.content.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert {row[3] for row in table[1:]} == {"市场监督管理局"}
    assert "12345" in table[1][table[0].index("投诉方式")]


def test_the_open_data_page_links_every_download(site: httpx.Client) -> None:
    page = site.get("/open-data")
    for name in ("power-list", "responsibility-list", "process-list"):
        for file_format in ("csv", "json"):
            assert f"/api/publish/v1/{name}/download?format={file_format}" in page.text
    assert "/api/publish/v1/open-data/catalog.jsonld" in page.text
    dump = site.get("/api/publish/v1/open-data/catalog.jsonld")
    services = [n for n in json.loads(dump.content)["@graph"] if n["@type"] == "PublicService"]
    total = site.get("/api/publish/v1/statistics").json()["matters"]
    assert len(services) == total > 0


def test_a_page_number_in_other_digits_shows_the_first_page(site: httpx.Client) -> None:
    for odd in ("²", "٣", "1e3", "99999999999999999999"):
        page = site.get("/process-list", params={"page": odd, "window": "planning"})
        assert page.status_code == 200, odd
