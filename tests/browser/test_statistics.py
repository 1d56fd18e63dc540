"""The public statistics page in a browser: a visitor opens /statistics from the home page,
changes the since date, downloads a CSV; a supervisor sees the red cases."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, sign_in, watch


def test_a_visitor_reads_the_statistics_and_a_supervisor_sees_red_cases(  # type: ignore[no-untyped-def]
        page: Page, base_url: str) -> None:
    errors: list[str] = []
    watch(page, errors)
    page.goto("/")
    page.get_by_role("link", name="公开统计：办件时效、满意度和改革成效").click()
    expect(page.locator("h1")).to_have_text("公开统计")
    page.get_by_label("改革成效起始日期").fill("2025-06-01")
    page.get_by_role("button", name="查看").click()
    expect(page.locator("#s-reform")).to_contain_text("自 2025-06-01 起")
    expect(page.locator("svg[role=img]")).to_have_count(5)
    screenshot(page, "statistics-1-public-page")
    with page.expect_download() as download:
        page.locator("a[href$='handling.csv']").click()
    assert download.value.suggested_filename == "statistics-handling.csv"

    sign_in(page, "supervisor")
    page.goto("/supervision/cases?colour=red")
    expect(page.locator("#running")).not_to_contain_text("（0）")
    expect(page.locator("table").first).to_contain_text("红牌：已超期")
    screenshot(page, "statistics-2-supervisor-red-cases")
    page.locator("a.case-number").first.click()
    expect(page.locator("h2", has_text="预警记录")).to_be_visible()
    screenshot(page, "statistics-3-case-warnings")
    assert errors == []
