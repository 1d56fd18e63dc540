"""Issue 9's story: a full two-round joint review in the browser. The editor submits, the
guidance group passes the preliminary check, the lead hands the parts to two reviewers, who
contradict each other on one material; the lead sees the conflict, cannot send the letter,
rules and returns it; the editor revises one point, explains the other and resubmits; round 2
shows round 1's points with the answers and only those elements open; the lead approves."""

from tests.browser.conftest import sign_in
from tests.browser.test_standard_story import fill_matter, new_page, reload_until, snap

__all__ = ["new_page"]  # the fixture, used by name

CODE = "430103-01-0779"
NAME = "临时建设工程规划许可（联审）"
LICENCE = "营业执照"
EXPLAINED = "证照共享接口年底接通，接通前仍需申请人提交营业执照。"


def open_case(page, name: str = NAME) -> int:  # type: ignore[no-untyped-def]
    """Open the newest case of `name` from the case list; its id."""
    page.goto("/review/cases")
    reload_until(page, name)
    page.click(f"main a:has-text('{name}')")
    page.wait_for_selector("#case")
    return int(page.url.rstrip("/").split("/")[-1])


def record(page, element: str, proposal: str, text: str, value: str = "",  # type: ignore[no-untyped-def]
           aspect: str = "legality") -> None:
    page.select_option("#opinion-element", element)
    page.check(f"#aspect-{aspect}")
    page.fill("#opinion-text", text)
    page.check(f"#proposal-{proposal}")
    page.fill("#opinion-value", value)
    page.click("#opinions button[type=submit]")
    page.wait_for_selector("text=意见已记录")


def test_a_two_round_review_with_a_conflict_and_answers_point_by_point(page, new_page) -> None:  # type: ignore[no-untyped-def]
    # 1. The editor writes a standard with two materials and submits it.
    sign_in(page, "editor")
    page.goto("/editor/matters/new")
    page.click("#add-materials")
    page.wait_for_selector("#f-materials-1-name")
    fill_matter(page)
    page.fill("#f-implementation_code", CODE)
    page.fill("#f-name", NAME)
    page.fill("#f-materials-1-name", LICENCE)
    page.click("text=保存草稿")
    page.wait_for_url(f"**/editor/matters/{CODE}")
    page.click("#versions button:has-text('提交审核')")
    page.wait_for_selector("text=已提交审核")

    # 2. The guidance group passes the preliminary check.
    guidance = new_page()
    sign_in(guidance, "guidance")
    reload_until(guidance, NAME)
    guidance.click(f"text={NAME}")
    guidance.check("#result-passed")
    guidance.click("#check button[type=submit]")
    guidance.wait_for_selector("text=初审通过，已转审核组联审")

    # 3. The lead hands the materials to 王审核 and the time limits to 孙立新 on the board.
    lead = new_page()
    sign_in(lead, "lead")
    case = open_case(lead)
    lead.goto("/review/board")
    lead.select_option(f"#p-{case}-materials", "reviewer")
    lead.select_option(f"#p-{case}-time_limits", "g1r1")
    lead.click(f"#case-{case} button:has-text('保存分工')")
    lead.wait_for_selector(f"#case-{case} #p-{case}-time_limits")
    assert lead.input_value(f"#p-{case}-materials") == "reviewer"
    assert lead.input_value(f"#p-{case}-time_limits") == "g1r1"
    snap(lead, "review-1-board")

    # 4. The two reviewers find their parts and contradict each other on the licence.
    reviewer = new_page()
    sign_in(reviewer, "reviewer")
    reviewer.goto("/review/my")
    assert NAME in reviewer.inner_text("main")
    open_case(reviewer)
    record(reviewer, "materials[1]", "delete", "营业执照可通过部门共享获取，应删除。")
    second = new_page()
    sign_in(second, "g1r1")
    second.goto("/review/my")
    assert NAME in second.inner_text("main")
    open_case(second)
    record(second, "materials[1]", "keep", "共享接口尚未接通，暂时保留。")
    record(second, "committed_limit", "change", "承诺时限可压减至 3 个工作日。", value="3",
           aspect="reasonableness")
    snap(second, "review-2-opinions")

    # 5. The lead sees the conflict flagged; the letter is refused until it is ruled.
    lead.goto(f"/review/cases/{case}")
    conflict = lead.locator(".conflict")
    assert "待裁定" in conflict.inner_text() and "营业执照" in conflict.inner_text()
    lead.check("#decision-returned")
    lead.click("#feedback button[type=submit]")
    lead.wait_for_selector("#feedback .notice.error")
    assert "相互矛盾" in lead.inner_text("#feedback")
    snap(lead, "review-3-conflict-refused")
    lead.goto(f"/review/cases/{case}")
    lead.locator(".conflict label:has-text('建议删除')").click()
    lead.locator(".conflict textarea").fill("以部门共享代替申请人提交。")
    lead.click(".conflict button:has-text('裁定')")
    lead.wait_for_selector(".conflict .badge.approved")
    assert "以部门共享代替申请人提交" in lead.inner_text(".conflict")
    lead.check("#decision-returned")
    lead.fill("#feedback-summary", "请逐点答复后重新提交。")
    lead.click("#feedback button[type=submit]")
    lead.wait_for_selector(".letter")
    letter = lead.inner_text(".letter")
    assert "退回修改" in letter or "退回" in letter
    assert "营业执照可通过部门共享获取" in letter and "共享接口尚未接通" not in letter
    snap(lead, "review-4-letter-sent")

    # 6. The editor revises the limit, answers both points and resubmits.
    page.goto(f"/editor/matters/{CODE}")
    reload_until(page, "逐点答复", "#versions")
    page.goto(f"/editor/matters/{CODE}/versions/1/edit")
    page.fill("#f-committed_limit", "3")
    page.click("text=保存草稿")
    page.wait_for_url(f"**/editor/matters/{CODE}")
    page.click("#versions a:has-text('逐点答复')")
    page.wait_for_selector("text=逐点答复反馈意见")
    licence = page.locator("article:has(p:has-text('可通过部门共享获取'))")
    assert LICENCE in licence.locator("h2").inner_text()
    licence.locator("input[value=explained]").check()
    licence.locator("textarea").fill(EXPLAINED)
    licence.locator("button:has-text('保存答复')").click()
    page.wait_for_selector("text=还有 1 点未答复")
    limit = page.locator("article:has(p:has-text('压减至 3 个工作日'))")
    limit.locator("input[value=revised]").check()
    limit.locator("select").select_option("committed_limit")
    limit.locator("button:has-text('保存答复')").click()
    page.wait_for_selector("text=已全部答复，可以重新提交审核")
    snap(page, "review-5-answers")
    page.goto(f"/editor/matters/{CODE}")
    page.click("#versions button:has-text('提交审核')")
    page.wait_for_selector("text=已提交审核")

    # 7. Round 2 shows round 1's points with the answers; only their elements are open.
    for _ in range(20):
        round_two = open_case(reviewer)
        if round_two != case:
            break
        reviewer.wait_for_timeout(500)
    desk = reviewer.inner_text("#case")
    for words in ("第 1 轮反馈意见及部门答复", EXPLAINED, "复审范围"):
        assert words in desk, words
    options = reviewer.locator("#opinion-element option")
    locked = {options.nth(i).get_attribute("value"): options.nth(i).is_disabled()
              for i in range(options.count())}
    assert locked["committed_limit"] is False and locked["materials[1]"] is False
    assert locked["materials[0]"] is True and locked["conditions"] is True
    snap(reviewer, "review-6-round-two")

    # 8. The lead approves round 2; the editor sees the approval.
    lead.goto(f"/review/cases/{round_two}")
    lead.check("#decision-approved")
    lead.fill("#feedback-summary", "已按意见修改并说明，同意通过。")
    lead.click("#feedback button[type=submit]")
    lead.wait_for_selector("#letter-title")
    assert "审核通过" in lead.inner_text("#letter-title")
    snap(lead, "review-7-approved")
    page.goto(f"/editor/matters/{CODE}")
    page.wait_for_selector("#versions .badge.approved", timeout=15_000)
    snap(page, "review-8-editor-approved")
