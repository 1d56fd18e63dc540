"""A leader of the working group reads the progress, switches the reports from monthly to
weekly, generates the current week's report and takes it away as PDF and Excel."""

import time

from tests.browser.conftest import screenshot, sign_in


def test_a_leader_switches_to_weekly_and_downloads_the_report(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "leader")
    deadline = time.monotonic() + 150  # the demo's year arrives through the outbox
    while "全区事项 34 项" not in page.content() and time.monotonic() < deadline:
        page.goto("/supervision/progress")
        time.sleep(2)
    assert page.locator("svg.progress-bars g.bar").count() == 7
    assert page.locator("ul.flags li", has_text="落后于进度").count() >= 1
    screenshot(page, "progress-1-departments")

    page.click("nav >> text=进度报告")
    page.wait_for_url("**/supervision/reports")
    assert page.locator("#cadence-now").inner_text() == "当前报告周期：月报"
    page.check("input[name=cadence][value=weekly]")
    page.click("text=切换周期")
    page.wait_for_selector("#cadence-now >> text=当前报告周期：周报")

    page.click("text=立即生成本期报告")
    page.wait_for_url("**/supervision/reports/*")
    assert page.locator("h1").inner_text().startswith("标准化进度周报")
    assert page.locator("text=截至生成时").count() >= 1
    assert page.locator("svg.progress-bars g.bar").count() == 7
    screenshot(page, "progress-2-weekly-report")

    with page.expect_download() as pdf:
        page.click("text=下载 PDF")
    assert pdf.value.suggested_filename.startswith("progress-weekly-")
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as xlsx:
        page.click("text=下载 Excel")
    assert xlsx.value.suggested_filename.endswith(".xlsx")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/supervision/progress")
    screenshot(page, "progress-3-phone")
