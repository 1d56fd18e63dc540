"""The public pages over real HTTP: the platform as `python -m gateway all` on demo data."""

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.live import embedded_platform

GUIDE = "/api/publish/v1/guides/430103-01-0002"


def wait_for_the_demo_lists(client: httpx.Client, seconds: float = 30) -> None:
    """The demo matters reach publish through the outbox: wait until all have arrived."""
    deadline, last = time.monotonic() + seconds, -1
    while time.monotonic() < deadline:
        guide = client.get(GUIDE)
        total = client.get("/api/publish/v1/statistics").json()["matters"]
        if guide.status_code == 200 and guide.json()["version"] == 2 and total == last:
            return
        last = total
        time.sleep(0.5)
    raise RuntimeError("the demo matters did not reach the public lists")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of the whole platform (embedded, SQLite, demo data) on a free port."""
    with embedded_platform(tmp_path_factory.mktemp("pages-public")) as url, \
            httpx.Client(base_url=url, timeout=10) as client:
        wait_for_the_demo_lists(client)
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
    assert page.headers["vary"] == "HX-Request"
    full = site.get("/power-list", params={"q": "食品"})
    assert "<html" in full.text and full.headers["vary"] == "HX-Request"


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


@pytest.mark.parametrize("path", ["/clerk/applications", "/approver/applications",
                                  "/my/applications", "/apply/430103-01-0002"])
def test_an_anonymous_visitor_is_sent_to_sign_in(site: httpx.Client, path: str) -> None:
    page = site.get(path)
    assert page.status_code == 303
    assert page.headers["location"] == f"/sign-in?next={path}"


def test_a_signed_in_account_without_the_role_gets_a_readable_403(site: httpx.Client) -> None:
    signed_in = site.post("/sign-in", data={"username": "applicant",
                                            "password": "onewindow-demo", "next": "/"})
    assert signed_in.status_code == 303
    page = site.get("/clerk/applications")
    site.cookies.clear()
    assert page.status_code == 403
    assert "您没有权限执行此操作" in page.text and "<html" in page.text


def test_the_home_page_leads_to_the_power_list(site: httpx.Client) -> None:
    page = site.get("/")
    assert page.status_code == 200
    assert "一窗通" in page.text and 'action="/power-list"' in page.text
