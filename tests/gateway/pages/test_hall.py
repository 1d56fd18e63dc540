"""The hall on the pages: the windows and what each handles (found by a matter's name), the
waiting counts, a walk-in ticket and its place in line, the display, the clerk calling; the
clerk's queue filtered to their window and searched."""

import re

import httpx
import pytest

from tests.gateway.pages.page_text import field
from tests.gateway.pages.test_applications import signed_in


@pytest.fixture(scope="module")
def site(work_url: str) -> httpx.Client:
    return httpx.Client(base_url=work_url, timeout=10)


def test_the_hall_shows_the_five_windows_what_they_handle_and_who_waits(
        site: httpx.Client) -> None:
    page = site.get("/hall").text
    for name in ("招商引资窗口", "规划建设窗口", "产业服务窗口", "社会事务窗口", "监督投诉窗口"):
        assert name in page
    assert "建设工程规划许可证核发" in page and "就业创业证申领" in page
    assert re.search(r"等候 \d+ 人", page) and 'name="window" value="planning"' in page
    english = site.get("/hall?lang=en").text
    assert "Service hall" in english and "waiting" in english


def test_a_search_by_matter_name_shows_only_its_window(site: httpx.Client) -> None:
    found = site.get("/hall", params={"q": "就业创业"}, headers={"HX-Request": "true"})
    assert found.status_code == 200 and "<html" not in found.text
    assert "社会事务窗口" in found.text and "规划建设窗口" not in found.text
    nothing = site.get("/hall", params={"q": "没有这种事项"}).text
    assert "没有找到名称含“没有这种事项”的事项" in nothing


def test_a_visitor_takes_a_ticket_and_sees_their_place_then_the_clerk_calls_it(
        site: httpx.Client) -> None:
    with httpx.Client(base_url=site.base_url, timeout=10) as visitor:
        taken = visitor.post("/hall/tickets", data={"window": "planning", "phone": ""})
        assert taken.status_code == 303
        number = taken.headers["location"].rsplit("/", 1)[-1]
        assert re.fullmatch(r"B\d{3}", number)
        mine = visitor.get(taken.headers["location"]).text
        assert number in mine and "前面还有" in mine and 'aria-live="polite"' in mine
    with signed_in(site, "clerk") as clerk:
        queue = clerk.get("/clerk/applications").text
        assert "现场取号 · 规划建设窗口" in queue and number in queue
        csrf = field(queue, "csrf_token")
        called = []
        while number not in called:  # the demo's tickets come first
            answer = clerk.post("/clerk/hall/next", data={"csrf_token": csrf},
                                headers={"HX-Request": "true"})
            assert answer.status_code == 200 and "<html" not in answer.text
            called += re.findall(r"请 (B\d{3}) 号到窗口办理", answer.text)
        ticket_id = re.search(rf'/clerk/hall/tickets/(\d+)/served"[^>]*>\s*<input[^>]*>\s*'
                              rf'<button[^>]*aria-label="{number} ', answer.text)
        assert ticket_id, answer.text
        display = site.get("/hall/display").text
        assert number in display and 'hx-trigger="every 5s"' in display
        assert "请到规划建设窗口办理" in site.get(f"/hall/tickets/{number}").text
        served = clerk.post(f"/clerk/hall/tickets/{ticket_id.group(1)}/served",
                            data={"csrf_token": csrf}, headers={"HX-Request": "true"})
        assert served.status_code == 200
    assert "已办理" in site.get(f"/hall/tickets/{number}").text


def test_a_ticket_for_no_window_or_a_wrong_phone_is_said_in_chinese(site: httpx.Client) -> None:
    with httpx.Client(base_url=site.base_url, timeout=10) as visitor:
        nowhere = visitor.post("/hall/tickets", data={"window": "nowhere"})
        assert nowhere.status_code == 404 and "请在大厅页面选择窗口后取号" in nowhere.text
        phone = visitor.post("/hall/tickets", data={"window": "social", "phone": "123"})
        assert phone.status_code == 422 and "手机号码有误" in phone.text
        assert visitor.get("/hall/tickets/Z999").status_code == 404


def test_another_windows_clerk_sees_their_own_window_and_can_choose_all(
        site: httpx.Client) -> None:
    with signed_in(site, "clerk-social") as clerk:
        queue = clerk.get("/clerk/applications").text
        assert "现场取号 · 社会事务窗口" in queue
        assert '<option value="social" selected>' in queue
        everything = clerk.get("/clerk/applications", params={"window": ""}).text
        assert '<option value="" selected>' not in everything  # "all" is the first option
        stale = clerk.post("/clerk/hall/next", data={})  # a form without its CSRF token
        assert stale.status_code == 403 and "请刷新页面后重试" in stale.text
        searched = clerk.get("/clerk/applications", params={"window": "", "q": "没有这个申请人",
                                                            "state": "approved"},
                             headers={"HX-Request": "true"})
        assert "没有符合条件的办件" in searched.text and "<html" not in searched.text


def test_one_address_cannot_empty_the_dispenser(site: httpx.Client) -> None:
    """(Last in the module: it spends this address's tickets for a minute.)"""
    with httpx.Client(base_url=site.base_url, timeout=10) as script:
        answers = [script.post("/hall/tickets", data={"window": "industry"}) for _ in range(7)]
        assert answers[-1].status_code == 429 and "取号太频繁" in answers[-1].text
        api = script.post("/api/intake/v1/hall/tickets", json={"window": "industry"})
        assert api.status_code == 429 and api.headers["retry-after"].isdigit()
        assert api.headers["content-type"] == "application/problem+json"
