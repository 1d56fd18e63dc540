"""The hall on the pages: the windows and what each handles (found by a matter's name), the
waiting counts, a walk-in ticket and its place in line, the display, the clerk calling; the
clerk's queue filtered to their window and searched."""

import re

import httpx
import pytest

from gateway.ratelimit import public_budget
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
        ticket_url = taken.headers["location"]
        number, code = re.fullmatch(r"/hall/tickets/(B\d{3})\?code=([A-Z0-9]{6})",
                                    ticket_url).groups()
        mine = visitor.get(ticket_url).text
        assert number in mine and "前面还有" in mine and 'aria-live="polite"' in mine
        assert code in mine and f'hx-get="{ticket_url}"' in mine
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
    rate_the_visit(site, number, code)


def rate_the_visit(site: httpx.Client, number: str, code: str) -> None:
    """The served visitor rates the visit once on the ticket's page, with the code."""
    with httpx.Client(base_url=site.base_url, timeout=10) as visitor:
        page = visitor.get(f"/hall/tickets/{number}", params={"code": code}).text
        assert "评价本次服务" in page and f'name="code" value="{code}"' in page
        assert '<input type="radio" id="score-5" name="score" value="5" required>' in page
        assert '<label for="tag-long_wait">' in page
        assert "Rate this visit" in visitor.get(f"/hall/tickets/{number}",
                                                params={"code": code, "lang": "en"}).text
        rating = {"score": "2", "tag": ["long_wait", "nonsense"], "comment": "等了很久"}
        wrong = visitor.post(f"/hall/tickets/{number}/rating", data=rating | {"code": "ZZZZZZ"})
        assert wrong.status_code == 404 and "号码与评价码不符" in wrong.text
        no_stars = visitor.post(f"/hall/tickets/{number}/rating", data={"code": code})
        assert no_stars.status_code == 422 and "请选择 1 到 5 星" in no_stars.text
        rated = visitor.post(f"/hall/tickets/{number}/rating", data=rating | {"code": code})
        assert rated.status_code == 303
        thanks = visitor.get(rated.headers["location"]).text
        assert "谢谢评价" in thanks and "评价本次服务" not in thanks
        again = visitor.post(f"/hall/tickets/{number}/rating", data=rating | {"code": code})
        assert again.status_code == 409 and "已经评价过了" in again.text
    with signed_in(site, "supervisor") as supervisor:
        page = supervisor.get("/supervision/timeliness").text
        assert "大厅各窗口评价（现场办理）" in page and "社会事务窗口" in page
        assert "规划建设窗口" in page and "有差评，请跟进" in page


def test_rating_a_visit_spends_the_addresses_lookups() -> None:
    assert public_budget("POST", "/api/intake/v1/hall/tickets/B001/rating") == "lookups"
    assert public_budget("GET", "/api/intake/v1/hall/tickets/B001") is None


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
