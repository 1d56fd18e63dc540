"""The hall in a browser: a visitor finds the window of their matter, takes a ticket and
follows it; the window's clerk calls it and marks it served; the display shows it called;
the served visitor rates the visit.
And a too-large upload is said in Chinese on the page, not as raw JSON."""

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot, sign_in, watch
from tests.browser.test_apply_story import PHONE, wait_for_the_demo_lists

MB = 1024 * 1024


def test_a_visitor_takes_a_ticket_and_the_clerk_calls_it(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str) -> None:
    wait_for_the_demo_lists(base_url)
    page.goto("/hall")
    expect(page.locator("h1")).to_have_text("服务大厅 · 一站式办理")
    expect(page.locator(".hall-window")).to_have_count(5)
    screenshot(page, "hall-1-windows")
    page.fill("#q", "就业创业")
    expect(page.locator(".hall-window")).to_have_count(1)
    window = page.locator(".hall-window")
    expect(window.locator("h2")).to_contain_text("社会事务窗口")
    expect(window).to_contain_text("就业创业证申领")
    screenshot(page, "hall-2-search")
    window.get_by_role("button", name="在社会事务窗口取号").click()
    number = page.locator("#ticket .ticket-number")
    expect(number).to_have_text(re.compile(r"^D\d{3}$"))
    expect(page.locator("#ticket")).to_contain_text("前面还有")
    ticket = number.inner_text()
    screenshot(page, "hall-3-ticket")

    errors: list[str] = []
    context = browser.new_context(base_url=base_url, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    clerk = context.new_page()
    watch(clerk, errors)
    sign_in(clerk, "clerk-social")
    clerk.goto("/clerk/applications")
    tickets = clerk.locator("#tickets")
    expect(tickets).to_contain_text("现场取号 · 社会事务窗口")
    expect(clerk.locator("#window")).to_have_value("social")
    for _ in range(10):  # the demo's tickets come first
        with clerk.expect_response(lambda r: r.url.endswith("/clerk/hall/next")) as answer:
            clerk.get_by_role("button", name="叫下一位").click()
        if f"请 {ticket} 号" in answer.value.text():
            break
    expect(tickets.locator(".notice.ok")).to_have_text(f"请 {ticket} 号到窗口办理。")
    screenshot(clerk, "hall-4-clerk-called")

    page.reload()
    expect(page.locator("#ticket")).to_contain_text("请到社会事务窗口办理")
    board = browser.new_page(base_url=base_url, viewport=PHONE)
    board.goto("/hall/display")
    expect(board.locator("#board")).to_contain_text(ticket)
    screenshot(board, "hall-5-display-phone")
    board.close()

    clerk.get_by_role("button", name=f"{ticket} 已办理").click()
    expect(tickets.get_by_role("button", name=f"{ticket} 已办理")).to_have_count(0)
    page.reload()
    expect(page.locator("#ticket")).to_contain_text("已办理")
    rate_the_visit(page)
    page.set_viewport_size(PHONE)
    page.goto("/hall?q=规划")
    expect(page.locator(".hall-window h2").first).to_contain_text("规划建设窗口")
    screenshot(page, "hall-6-search-phone")
    context.close()
    assert not errors, errors


def rate_the_visit(page: Page) -> None:
    """The served visitor rates the visit on the ticket's page (the code in its address)."""
    assert re.search(r"\?code=[A-Z0-9]{6}$", page.url), page.url
    form = page.locator("form.rate-form")
    expect(form.get_by_role("heading")).to_have_text("评价本次服务")
    form.get_by_label("非常满意").check()
    form.get_by_label("一次办成").check()
    form.get_by_label("态度好").check()
    form.get_by_label("意见或建议（选填）").fill("取号后很快就叫到了。")
    screenshot(page, "hall-7-rate-visit")
    form.get_by_role("button", name="提交评价").click()
    expect(page.locator("#ticket")).to_contain_text("谢谢评价")
    expect(page.locator("form.rate-form")).to_have_count(0)
    screenshot(page, "hall-8-rated")


def test_a_too_large_upload_is_said_in_chinese_on_the_page(  # type: ignore[no-untyped-def]
        page: Page, base_url: str, tmp_path: Path) -> None:
    wait_for_the_demo_lists(base_url)
    big = tmp_path / "扫描件.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (21 * MB))
    sign_in(page, "applicant")
    page.goto("/apply/430103-20-0021")
    page.fill("#id_number", "11010519491231002X")
    page.fill("#phone", "13812345678")
    page.set_input_files("#slot-0", str(big))
    page.get_by_role("button", name="预审材料").click()
    expect(page.locator("#precheck")).to_contain_text("文件太大：一次上传的文件合计不能超过 20 MB")
    expect(page.locator("#precheck")).not_to_contain_text("出错了")
    screenshot(page, "too-large-1-precheck")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("h1")).to_have_text("出错了")
    expect(page.locator(".notice.error")).to_contain_text("请压缩文件或减少扫描页数后重新上传")
    expect(page.locator("body")).not_to_contain_text("Content too large")
    screenshot(page, "too-large-2-page")
    page.get_by_role("link", name="返回上一页重新操作").click()
    expect(page.locator("h1")).to_contain_text("在线申请")
