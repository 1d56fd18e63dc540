"""The matter form's newer sections in a real browser: a special procedure and a question
added by their buttons, filled, saved, and shown again in the saved form; the catalog filters."""

from tests.browser.conftest import ARTIFACTS, screenshot, sign_in
from tests.browser.test_standard_story import fill_matter

OWN = "430103-01-0666"


def test_special_procedures_and_faq_are_added_filled_and_saved(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor")
    page.goto("/editor/matters/new")
    fill_matter(page)
    page.fill("#f-implementation_code", OWN)
    page.fill("#f-special_procedures-0-name", "专家评审")
    page.fill("#f-special_procedures-0-limit", "10")
    page.fill("#f-special_procedures-0-basis", "1")
    page.click("#add-faq")
    page.wait_for_selector("#f-faq-1-question")
    page.fill("#f-faq-0-question", "临时建设可以使用多久？")
    page.fill("#f-faq-0-answer", "一般不超过二年。")
    page.fill("#f-faq-1-question", "可以网上申请吗？")
    page.fill("#f-faq-1-answer", "可以，全程网办。")
    page.fill("#f-consultation-phone", "0731-88888888")
    page.select_option("#f-case_class", "immediate")
    page.click("#row-materials-0 details.more summary")
    page.fill("#f-materials-0-fill_notes", "用黑色签字笔填写")
    screenshot(page, "full-standard-form-filled")
    page.click("text=保存草稿")
    page.wait_for_url(f"**/editor/matters/{OWN}**")
    page.goto(f"/editor/matters/{OWN}/versions/1/edit")
    assert page.input_value("#f-special_procedures-0-name") == "专家评审"
    assert page.input_value("#f-special_procedures-0-basis") == "1"
    assert page.input_value("#f-faq-1-question") == "可以网上申请吗？"
    assert page.input_value("#f-consultation-phone") == "0731-88888888"
    assert page.input_value("#f-case_class") == "immediate"
    assert page.is_visible("#f-materials-0-fill_notes")  # details open as it has a value
    screenshot(page, "full-standard-form-saved")
    for section in ("materials", "special_procedures", "faq", "contacts"):
        page.locator(f"#sec-{section}").screenshot(path=str(ARTIFACTS / f"form-{section}.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/editor/matters/{OWN}/versions/1/edit#sec-special_procedures")
    screenshot(page, "full-standard-form-phone")
    for section in ("materials", "special_procedures"):
        page.locator(f"#sec-{section}").screenshot(
            path=str(ARTIFACTS / f"form-{section}-phone.png"))


def test_the_catalog_filters_by_state_without_reloading(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor")
    page.select_option("#filter-state", "published")
    page.wait_for_url("**/editor/matters?**state=published**")
    badges = page.locator("#matter-list .badge").all_inner_texts()
    assert badges and set(badges) == {"已发布"}
    screenshot(page, "editor-matters-filtered")
    page.locator("form.search").screenshot(path=str(ARTIFACTS / "editor-matters-filters.png"))
