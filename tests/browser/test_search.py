"""Search in a real browser: two words from the home page, then a typo and its did-you-mean."""

from tests.browser.conftest import screenshot


def demo_published(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the demo catalog's publications have reached publish (they are relayed)."""
    for _ in range(60):
        page.goto("/power-list?q=QT00000034")
        if "营商环境投诉受理" in page.locator("#results").inner_text():
            return
        page.wait_for_timeout(1000)


def test_a_visitor_searches_and_follows_did_you_mean(page) -> None:  # type: ignore[no-untyped-def]
    demo_published(page)
    page.goto("/")
    page.fill("#home-q", "规划 许可")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/search?q=*")
    results = page.locator("#results")
    results.get_by_role("link", name="建设工程规划许可证核发").wait_for()
    assert "乡村建设规划许可证核发" in results.inner_text()
    assert "食品经营许可" not in results.inner_text()
    screenshot(page, "search-1-planning-permits")

    page.fill("#q", "规化许可")
    page.click("form.search button[type=submit]")
    suggestion = page.locator("a.did-you-mean").first
    suggestion.wait_for()
    assert suggestion.inner_text() == "规划许可"
    screenshot(page, "search-2-did-you-mean")
    suggestion.click()
    page.wait_for_url("**/search?q=*")
    assert "建设工程规划许可证核发" in page.locator("#results").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "search-3-phone")
