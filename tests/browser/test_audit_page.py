"""The audit administrator's page in a real browser: a refused visit shows up, filtered."""

from tests.browser.conftest import screenshot, sign_in


def test_the_audit_administrator_finds_a_refused_visit(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor")
    page.goto("/admin/pilots")  # an editor may not: refused and recorded
    page.context.clear_cookies()
    sign_in(page, "auditor")
    page.goto("/audit")
    page.fill("input[name=actor]", "editor")
    page.select_option("select[name=outcome]", "denied")
    page.click("form.audit-filters button[type=submit]")
    page.wait_for_url("**/audit?*actor=editor*")
    rows = page.locator("#results tbody tr")
    assert "GET /admin/pilots" in rows.first.inner_text()
    assert "request.denied" in rows.first.inner_text()
    screenshot(page, "audit-1-denied")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "audit-2-phone")
