"""Story steps 1–2: a department writes a matter standard, the review group reviews it once,
the department publishes it and the public finds it in the power list."""

import time
from collections.abc import Callable, Iterator

import pytest

from tests.browser.conftest import screenshot, sign_in, watch

CODE = "430103-01-0777"
NAME = "临时建设工程规划许可"


@pytest.fixture
def new_page(browser, base_url: str) -> Iterator[Callable[[], object]]:  # type: ignore[no-untyped-def]
    """More browser contexts (one per person), watched like `page`: console errors fail."""
    contexts, errors = [], []

    def make():  # type: ignore[no-untyped-def]
        context = browser.new_context(base_url=base_url, locale="zh-CN",
                                      viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        watch(page, errors)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"browser console errors: {errors}"


def fill_matter(page) -> None:  # type: ignore[no-untyped-def]
    """Fill the matter form: one legal basis, one condition, one material, one step."""
    page.fill("#f-implementation_code", CODE)
    page.fill("#f-basic_code", "XK00000777")
    page.fill("#f-name", NAME)
    page.select_option("#f-matter_type", "01")
    page.select_option("#f-window", "planning")
    page.fill("#f-legal_basis-0-law", "中华人民共和国城乡规划法")
    page.fill("#f-legal_basis-0-article", "第四十四条")
    page.fill("#f-legal_basis-0-text",
              "在城市、镇规划区内进行临时建设的，应当经城市、县人民政府城乡规划主管部门批准。")
    page.fill("#f-conditions", "临时建设不影响近期建设规划和控制性详细规划的实施")
    page.fill("#f-materials-0-name", "临时建设工程规划许可申请表")
    page.fill("#f-statutory_limit", "20")
    page.fill("#f-committed_limit", "5")
    page.fill("#f-steps-0-name", "受理")
    page.fill("#f-steps-0-actor", "规划建设窗口")
    page.fill("#f-steps-0-limit", "1")
    page.fill("#f-result-name", "临时建设工程规划许可证")
    page.fill("#f-result-type", "证照")


def snap(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """A full-page screenshot; then scroll home, as Chromium's full-page capture leaves clicks
    landing off target otherwise."""
    screenshot(page, name)
    page.evaluate("window.scrollTo(0, 0)")


def reload_until(page, text: str, where: str = "main", tries: int = 20) -> None:  # type: ignore[no-untyped-def]
    """Reload until `text` shows (events travel through the outbox relay); bounded."""
    for _ in range(tries):
        if text in page.inner_text(where):
            return
        time.sleep(0.5)
        page.reload()
    assert text in page.inner_text(where)


def test_a_matter_is_written_reviewed_once_and_published(page, new_page) -> None:  # type: ignore[no-untyped-def]
    # 1. The editor writes the standard, adding a second step row on the way, and submits it.
    sign_in(page, "editor")
    assert page.url.endswith("/editor/matters")
    page.click("text=新建事项")
    page.click("#add-steps")
    page.wait_for_selector("#f-steps-1-name")
    fill_matter(page)
    page.fill("#f-steps-1-name", "决定")
    page.fill("#f-steps-1-actor", "自然资源和规划局分管负责人")
    page.fill("#f-steps-1-limit", "1")
    snap(page, "story-1-form")
    page.click("text=保存草稿")
    page.wait_for_url(f"**/editor/matters/{CODE}")
    assert "草稿" in page.inner_text("#versions")
    page.click("#versions button:has-text('提交审核')")
    page.wait_for_selector("text=已提交审核")

    # 1b. The technical guidance group checks its form and completeness and passes it on.
    guidance = new_page()
    sign_in(guidance, "guidance")
    assert guidance.url.endswith("/review/preliminary")
    reload_until(guidance, NAME)
    guidance.click(f"text={NAME}")
    guidance.wait_for_selector("#lint")
    guidance.check("#result-passed")
    guidance.click("#check button[type=submit]")
    guidance.wait_for_selector("text=初审通过，已转审核组联审")
    assert "转审核组联审" in guidance.inner_text("#history")
    snap(guidance, "story-1-preliminary-check")

    # 2. A reviewer of group G1 records an opinion on the first material.
    reviewer = new_page()
    sign_in(reviewer, "reviewer")
    reload_until(reviewer, NAME)
    reviewer.click(f"text={NAME}")
    reviewer.wait_for_selector("#opinion-element")
    reviewer.select_option("#opinion-element", "materials[0]")
    reviewer.check("#aspect-reasonableness")
    reviewer.fill("#opinion-text", "申请表可在网上办事大厅在线填写，建议注明电子版即可。")
    reviewer.click("#opinions button[type=submit]")
    reviewer.wait_for_selector("text=意见已记录")
    assert "申请材料 · 临时建设工程规划许可申请表" in reviewer.inner_text("#opinions")
    snap(reviewer, "story-1-review-case")

    # 3. The lead of G1 approves it in one consolidated feedback.
    lead = new_page()
    sign_in(lead, "lead")
    reload_until(lead, NAME)
    lead.click(f"text={NAME}")
    lead.check("#decision-approved")
    lead.fill("#feedback-summary", "标准符合要求，同意通过；请采纳审核意见。")
    lead.click("#feedback button[type=submit]")
    lead.wait_for_selector(".letter")
    letter = lead.inner_text(".letter")
    assert "审核通过" in letter and "申请表可在网上办事大厅在线填写" in letter
    snap(lead, "story-1-feedback")

    # 4. The editor's page, polling, shows the approval with the letter; the editor publishes.
    page.wait_for_selector("#versions .badge.approved", timeout=15_000)
    assert "标准符合要求" in page.inner_text("#versions")
    page.click("#versions button:has-text('发布')")
    page.wait_for_selector("text=已发布，权力清单")
    snap(page, "story-1-published")

    # 5. Anyone finds the published matter in the power list and reads its guide.
    visitor = new_page()
    visitor.goto(f"/power-list?q={NAME}")
    reload_until(visitor, NAME)
    snap(visitor, "story-1-power-list")
    visitor.click(f"main a:has-text('{NAME}')")
    visitor.wait_for_url(f"**/guides/{CODE}")
    assert "临时建设工程规划许可申请表" in visitor.inner_text("main")
    snap(visitor, "story-1-guide")


def test_a_refused_form_shows_every_error_in_place_and_keeps_what_was_typed(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor")
    page.goto("/editor/matters/new")
    fill_matter(page)
    page.fill("#f-implementation_code", "430103-01-0778")
    page.fill("#f-name", "")
    page.fill("#f-committed_limit", "30")  # more than the statutory 20 days
    page.evaluate("document.getElementById('matter-form').noValidate = true")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("text=保存草稿")
    assert answer.value.status == 422
    page.wait_for_selector(".summary")
    assert page.inner_text("#e-name") == "请填写此项。"
    assert page.inner_text("#e-committed_limit") == "承诺办结时限不能超过法定办结时限。"
    assert page.input_value("#f-materials-0-name") == "临时建设工程规划许可申请表"
    assert page.evaluate("document.activeElement.classList.contains('summary')")
    snap(page, "story-1-form-errors")
