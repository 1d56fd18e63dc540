"""A briefing from draft to publication in a real browser: the publisher drafts last month's
briefing from the template, edits a sentence and submits; the leader approves; the publisher
publishes; an anonymous visitor finds it as the next 第N期 in the archive and the Atom feed."""

import re
from datetime import timedelta
from xml.etree import ElementTree as ET

import httpx
from playwright.sync_api import Browser, Page, expect

from kit.clock import china_today
from tests.browser.conftest import screenshot, sign_in, watch

ATOM = "{http://www.w3.org/2005/Atom}"
SENTENCE = "本月各部门按期完成标准化任务，群众办事更加便捷。"


def fresh(browser: Browser, base_url: str, errors: list[str]) -> Page:
    """A page of a new browser context (no one signed in)."""
    context = browser.new_context(base_url=base_url, locale="zh-CN",
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    watch(page, errors)
    return page


def test_a_briefing_goes_from_the_template_to_the_public_archive(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str) -> None:
    before = len(re.findall(r"第\d+期", httpx.get(f"{base_url}/briefings").text))
    end = china_today().replace(day=1) - timedelta(days=1)

    sign_in(page, "publisher")
    page.goto("/briefings/drafts")
    expect(page.get_by_label("统计期间起")).to_have_value(end.replace(day=1).isoformat())
    expect(page.get_by_label("统计期间止")).to_have_value(end.isoformat())
    page.get_by_role("button", name="按模板起草").click()
    expect(page.get_by_role("heading", name="编辑简报")).to_be_visible()
    title = f"“一网通办”标准化工作简报（{end.year}年{end.month}月）"
    expect(page.get_by_label("标题", exact=True)).to_have_value(title)
    expect(page.locator("#text-0")).to_contain_text(f"本期（{end.year}年{end.month}月1日至")
    page.locator("#text-4").fill(SENTENCE)
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#editor .notice.ok")).to_contain_text("已保存")
    screenshot(page, "briefing-1-draft")
    page.get_by_role("button", name="提交领导审定").click()
    expect(page.locator("h1 .badge")).to_have_text("待审定")
    work = page.url

    errors: list[str] = []
    leader = fresh(browser, base_url, errors)
    sign_in(leader, "leader")
    leader.goto(work)
    expect(leader.locator("article.briefing")).to_contain_text(SENTENCE)
    leader.get_by_role("button", name="审定通过").click()
    expect(leader.locator("h1 .badge")).to_have_text("已审定，待发布")
    screenshot(leader, "briefing-2-approved")

    page.goto(work)
    page.get_by_role("button", name="发布").click()
    expect(page.locator(".briefing-number")).to_have_text(f"第{before + 1}期")
    screenshot(page, "briefing-3-published")

    visitor = fresh(browser, base_url, errors)
    visitor.goto("/briefings")
    newest = visitor.locator("#archive tbody tr").first
    expect(newest).to_contain_text(f"第{before + 1}期")
    expect(newest).to_contain_text(title)
    newest.get_by_role("link", name=title).click()
    expect(visitor.locator("article.briefing")).to_contain_text(SENTENCE)
    screenshot(visitor, "briefing-4-public")
    feed = ET.fromstring(visitor.request.get("/briefings/feed.atom").body())
    entry = feed.findall(f"{ATOM}entry")[0]
    assert entry.findtext(f"{ATOM}title") == f"第{before + 1}期 {title}"
    assert SENTENCE in (entry.findtext(f"{ATOM}content") or "")
    assert not errors, errors
