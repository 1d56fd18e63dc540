"""The editor sees the linter's findings beside the fields, and a refused submission's reasons."""

from tests.browser.conftest import screenshot, sign_in

CODE = "430103-01-0888"


def fill_matter(page, committed: str) -> None:  # type: ignore[no-untyped-def]
    """A complete matter whose committed limit may exceed the statutory 20 days."""
    page.fill("#f-implementation_code", CODE)
    page.fill("#f-basic_code", "XK00000888")
    page.fill("#f-name", "临时用地规划许可")
    page.select_option("#f-window", "planning")
    page.fill("#f-legal_basis-0-law", "中华人民共和国城乡规划法")
    page.fill("#f-legal_basis-0-article", "第四十四条")
    page.fill("#f-legal_basis-0-text", "在城市、镇规划区内进行临时建设的，应当经批准。")
    page.fill("#f-conditions", "临时建设不影响近期建设规划的实施")
    page.fill("#f-materials-0-name", "临时用地规划许可申请表")
    page.fill("#f-statutory_limit", "20")
    page.fill("#f-committed_limit", committed)
    page.fill("#f-steps-0-name", "受理")
    page.fill("#f-steps-0-actor", "规划建设窗口")
    page.fill("#f-steps-0-limit", "1")
    page.fill("#f-result-name", "临时用地规划许可证")
    page.fill("#f-result-type", "证照")


def test_a_finding_shows_beside_the_committed_limit_and_blocks_submission(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor")
    page.goto("/editor/matters/new")
    fill_matter(page, committed="30")
    page.click("text=保存草稿")
    page.wait_for_url(f"**/editor/matters/{CODE}/versions/1/edit?saved=1")

    beside = page.locator("#l-committed_limit .finding.error")
    assert "超过法定办结时限（20 个工作日）" in beside.inner_text()
    assert page.get_attribute("#f-committed_limit", "aria-describedby").endswith(
        "l-committed_limit")
    summary = page.inner_text("#lint-summary")
    assert "1 个错误，0 个提醒" in summary and "草稿已保存" in summary
    # The summary links to the field; the finding sits right under its input.
    box_input = page.locator("#f-committed_limit").bounding_box()
    box_finding = beside.bounding_box()
    assert 0 <= box_finding["y"] - (box_input["y"] + box_input["height"]) < 80
    screenshot(page, "lint-1-finding-beside-field")
    page.evaluate("window.scrollTo(0, 0)")

    page.goto(f"/editor/matters/{CODE}")
    assert "1 个错误，0 个提醒" in page.inner_text("#versions .lint-count")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("#versions button:has-text('提交审核')")
    assert answer.value.status == 422
    page.wait_for_selector("text=暂不能提交审核")
    refusal = page.inner_text("#versions .notice.error")
    assert "承诺办结时限" in refusal and "超过法定办结时限" in refusal
    assert "草稿" in page.inner_text("#versions .badge.draft")
    screenshot(page, "lint-2-submission-refused")

    page.click("#versions .lint-count a")
    page.wait_for_url(f"**/editor/matters/{CODE}/versions/1/edit#f-committed_limit")
    page.fill("#f-committed_limit", "5")
    page.click("text=保存草稿")
    page.wait_for_url(f"**/editor/matters/{CODE}")
    assert "未发现问题" in page.inner_text("#versions .lint-count")
    page.click("#versions button:has-text('提交审核')")
    page.wait_for_selector("text=已提交审核")


def test_the_findings_are_readable_on_a_phone(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=base_url, locale="zh-CN",
                                  viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        sign_in(page, "editor")
        page.goto("/editor/matters/new")
        fill_matter(page, committed="25")
        page.fill("#f-implementation_code", "430103-01-0889")
        page.fill("#f-materials-0-name", "其他材料")
        page.click("text=保存草稿")
        page.wait_for_url("**/versions/1/edit?saved=1")
        finding = page.locator("#l-materials-0-name .finding.error")
        assert "兜底" in finding.inner_text()
        box = finding.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # no sideways scrolling
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "lint-3-phone")
    finally:
        context.close()


def test_the_administrator_sees_and_edits_the_phrase_lists(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "admin")
    page.goto("/editor/matters")
    page.click("text=条款词表")
    page.wait_for_url("**/admin/lint-phrases")
    original = page.input_value("#vague-clause-contains")
    assert "相关证明" in original and page.input_value("#vague-clause-ends_with") == "等"
    page.fill("#vague-clause-contains", original + "\n一般情况下")
    page.click("#rule-vague-clause button[type=submit]")
    page.wait_for_selector("#rule-vague-clause .notice.ok")
    assert "一般情况下" in page.input_value("#vague-clause-contains")
    screenshot(page, "lint-4-phrase-lists")
    page.fill("#vague-clause-contains", original)
    page.click("#rule-vague-clause button[type=submit]")
    page.wait_for_selector("#rule-vague-clause .notice.ok")
    assert "一般情况下" not in page.input_value("#vague-clause-contains")
