"""Joint handling (并联审批) in a browser: an application of a jointly handled matter is accepted
and one department has agreed with conditions; the lead is told to wait; the other department
refuses with reasons on its to-do page; the lead then decides; the applicant sees who handled
what."""

from playwright.sync_api import Browser, Page, expect

from gateway import demo_joint
from tests.browser.conftest import screenshot, sign_in, watch


def test_two_departments_sign_off_and_the_lead_decides(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str) -> None:
    case = demo_joint.file_case(base_url, wait=120)
    assert case is not None
    errors: list[str] = []

    def as_(username: str) -> Page:
        context = browser.new_context(base_url=base_url, locale="zh-CN",
                                      viewport={"width": 1280, "height": 900})
        other = context.new_page()
        watch(other, errors)
        sign_in(other, username)
        return other

    lead = as_("approver")
    lead.goto("/approver/applications")
    card = lead.locator(".card.app", has_text=case["case_number"])
    expect(card).to_contain_text("并联审批尚未完成")
    expect(card.locator(".joint-departments")).to_contain_text(demo_joint.CONDITIONS)
    screenshot(lead, "joint-1-lead-waits")

    sign_in(page, "approver-ecology")
    page.goto("/signoffs")
    expect(page.locator("#todo-title")).to_contain_text("待本部门签署（1）")
    page.get_by_role("link", name=case["case_number"]).click()
    expect(page.locator("#part-11430100707230300G")).to_contain_text("附条件同意")
    screenshot(page, "joint-2-ecology-to-sign")
    page.get_by_role("radio", name="不同意", exact=True).check()
    page.get_by_role("button", name="签署意见").click()
    expect(page.locator(".notice.error")).to_contain_text("不同意须写明理由")
    page.get_by_role("radio", name="不同意", exact=True).check()
    page.fill("#answer-remark", "选址与生态保护红线重叠。")
    page.get_by_role("button", name="签署意见").click()
    expect(page.locator(".notice.ok")).to_contain_text("已签署意见")
    expect(page.locator("h1")).to_contain_text("已全部签署")
    screenshot(page, "joint-3-ecology-signed")

    lead.goto("/approver/applications")
    card = lead.locator(".card.app", has_text=case["case_number"])
    expect(card.locator(".joint-departments")).to_contain_text("选址与生态保护红线重叠。")
    card.get_by_role("button", name="准予许可").click()
    expect(lead.locator(f"#app-{case['id']}")).to_contain_text("决定已作出")
    screenshot(lead, "joint-4-lead-decided")

    applicant = as_("enterprise")
    applicant.goto(f"/my/applications/{case['id']}")
    joint = applicant.locator("section.joint")
    expect(joint).to_contain_text("住房和城乡建设局")
    expect(joint).to_contain_text("附条件同意")
    expect(joint).to_contain_text("不同意")
    expect(joint).not_to_contain_text("选址与生态保护红线重叠。")
    screenshot(applicant, "joint-5-applicant-sees-who")
    assert not errors, errors
