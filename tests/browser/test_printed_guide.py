"""The guide people print: on screen it shows the hall window, the flowchart and the blank
forms to download; printed to PDF in Chromium it is A4, several pages, with the matter, the
hall's address and hours and the flowchart's steps, and none of the site's navigation."""

import io
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import screenshot
from tests.browser.test_apply_story import PHONE, wait_for_the_demo_lists

GUIDE = "/guides/430103-01-0002"  # 建设工程规划许可证核发: a special procedure (专家评审)
A4 = (595, 842)  # points


def test_the_guide_prints_on_a4_with_its_window_and_flowchart(  # type: ignore[no-untyped-def]
        page: Page, base_url: str) -> None:
    wait_for_the_demo_lists(base_url)
    page.goto(GUIDE)
    expect(page.locator("h1")).to_have_text("建设工程规划许可证核发")
    hall = page.locator("section.hall")
    expect(hall).to_contain_text("天心区政务服务中心二楼B区")
    expect(hall).to_contain_text("周一至周五 上午9:00–12:00")
    chart = page.get_by_role("img", name="建设工程规划许可证核发办理流程图")
    expect(chart).to_be_visible()
    expect(page.locator("figure.flowchart")).to_contain_text("不计入办理时限")
    blank = page.get_by_role("link", name="建设工程规划许可申请表.xlsx")
    expect(blank.first).to_have_attribute("href", re.compile(r"^/api/catalog/v1/material-files/"
                                                             r"[0-9a-f]{64}$"))
    expect(page.locator(".print-head")).to_be_hidden()
    screenshot(page, "printed-guide-1-screen")
    page.set_viewport_size(PHONE)
    screenshot(page, "printed-guide-2-phone")
    width = page.evaluate("document.querySelector('figure.flowchart svg')"
                          ".getBoundingClientRect().width")
    assert width <= PHONE["width"]

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})
    expect(page.locator(".print-head svg.qr")).to_be_visible()
    expect(page.locator("header.top")).to_be_hidden()
    screenshot(page, "printed-guide-3-print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) > 1
    for sheet in pdf.pages:
        size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
        assert abs(size[0] - A4[0]) < 2 and abs(size[1] - A4[1]) < 2, size
    text = re.sub(r"\s+", "", "".join(sheet.extract_text() for sheet in pdf.pages))
    for words in ("建设工程规划许可证核发", "天心区政务服务中心二楼B区", "周一至周五",
                  "0731-85899102", "受理", "审查", "决定", "特别程序：专家评审", "不计入办理时限",
                  "扫码查看在线办事指南", "建设工程规划许可申请表.xlsx"):
        assert words in text, words
    # the navigation's words (监督投诉 is also the complaint contact's window, so not that one)
    for chrome in ("跳到主要内容", "服务大厅", "公开统计", "English", "登录后在线申请"):
        assert chrome not in text, chrome
