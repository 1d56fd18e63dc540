"""The lists in a browser: a visitor opens the responsibility list from the home page, filters
by a department, reads the contacts, downloads the CSV and goes on to the process list; the
same lists read on a phone."""

import csv
import io
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot
from tests.browser.test_apply_story import PHONE
from tests.gateway.pages.conftest import wait_for_the_demo_lists

MARKET = "114301007072304006"


def test_a_visitor_reads_and_downloads_the_responsibility_list(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str) -> None:
    wait_for_the_demo_lists(base_url)  # every demo matter, not only the first ones
    page.goto("/")
    page.get_by_role("link", name="责任清单：谁负责、如何咨询和投诉").click()
    expect(page.locator("h1")).to_have_text("责任清单")
    expect(page.locator("#results")).to_contain_text("清单更新于")

    page.select_option("#department", MARKET)
    expect(page).to_have_url(f"{base_url}/responsibility-list?q=&department={MARKET}"
                             "&window=&matter_type=")
    results = page.locator("#results")
    expect(results.locator("tbody tr").first).to_contain_text("市场监督管理局")
    expect(results).not_to_contain_text("自然资源和规划局")
    row = page.locator("#results > table > tbody > tr").first
    expect(row.locator("td").nth(3)).to_contain_text("0731-85891504")
    expect(row.locator("td").nth(4)).to_contain_text("12345")
    expect(row.locator("td").nth(4)).to_contain_text("监督投诉窗口")
    expect(results.locator("details").last).to_contain_text("第七十四条")
    screenshot(page, "lists-1-responsibility")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载责任清单（CSV）").click()
    path = Path(download.value.path())
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    shown = page.locator("#results > table > tbody > tr").count()
    assert table[0][:4] == ["事项编码", "事项名称", "事项类型", "实施主体"]
    assert len(table) - 1 == shown > 0
    assert {row[3] for row in table[1:]} == {"市场监督管理局"}

    page.get_by_role("link", name="流程清单").first.click()
    expect(page.locator("h1")).to_have_text("流程清单")
    expect(page.locator("#results ol.steps").first).to_contain_text("受理")
    screenshot(page, "lists-2-process")

    phone = browser.new_context(base_url=base_url, locale="zh-CN", viewport=PHONE,
                                is_mobile=True)
    small = phone.new_page()
    for path_name in ("responsibility-list", "process-list", "open-data"):
        small.goto(f"/{path_name}")
        width = small.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, (path_name, width)
        screenshot(small, f"lists-3-phone-{path_name}")
    phone.close()
