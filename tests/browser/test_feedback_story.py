"""好差评 and 监督投诉 in a real browser: an applicant rates a closed case 2 stars and later
reads the department's rectification; a complaint filed signed out goes to closure and the
complainant reads the answer and rates it."""

import re

import httpx
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot, sign_in, watch
from tests.live import signed_in

PHONE = {"width": 390, "height": 844}
SUPERVISORS = ["supervisor", *(f"supervisor{n}" for n in range(2, 11))]


def staff_page(browser: Browser, base_url: str, username: str,
               errors: list[str]) -> Page:
    """A page of a fresh context, signed in as `username`."""
    context = browser.new_context(base_url=base_url, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch(page, errors)
    sign_in(page, username)
    return page


def unrated_closed_case(page: Page) -> int:
    """A closed case of the signed-in applicant not rated yet (the demo has one)."""
    for application in page.request.get("/api/intake/v1/applications?limit=200").json():
        if application["state"] in ("approved", "rejected"):
            rating = page.request.get(f"/api/intake/v1/applications/{application['id']}/rating")
            if rating.status == 404:
                return int(application["id"])
    raise AssertionError("no unrated closed case")


def test_a_bad_rating_is_rectified_and_the_applicant_reads_the_outcome(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str) -> None:
    sign_in(page, "enterprise")
    application_id = unrated_closed_case(page)
    page.goto(f"/my/applications/{application_id}")
    form = page.locator("form.rate-form")
    expect(form).to_be_visible()
    form.get_by_label("★★ 不满意", exact=True).check()
    form.get_by_label("跑了多次").check()
    form.get_by_label("等待太久").check()
    form.get_by_label("意见或建议（选填）").fill("补正告知分了两次，来回跑了三趟。")
    screenshot(page, "feedback-1-rating-form")
    form.get_by_role("button", name="提交评价").click()
    expect(page.locator(".notice.ok")).to_contain_text("感谢您的评价")
    rating = page.locator("section.rating")
    expect(rating).to_contain_text("2 星 · 不满意")
    expect(rating.locator(".rectification")).to_contain_text("整改中")
    case_number = page.locator(".case-ids .case-number").first.inner_text()
    screenshot(page, "feedback-2-rated")

    errors: list[str] = []
    approver = staff_page(browser, base_url, "approver", errors)
    approver.goto("/rectifications")
    card = approver.locator("article", has_text=case_number)
    expect(card).to_contain_text("补正告知分了两次")
    card.get_by_label("回访时间").fill("2026-12-02T10:30")
    card.get_by_label("申请人的意见").fill("申请人希望补正一次说清。")
    card.get_by_role("button", name="记录回访").click()
    expect(approver.locator(".notice.ok")).to_contain_text("已保存")
    card = approver.locator("article", has_text=case_number)
    card.get_by_label("整改结果").fill("补正告知改由科室负责人复核后一次发出，已向申请人致歉。")
    screenshot(approver, "feedback-3-rectification")
    card.get_by_role("button", name="记录结果并办结").click()
    expect(approver.locator("article", has_text=case_number)).to_contain_text("已整改")
    approver.context.close()
    assert not errors, errors

    page.set_viewport_size(PHONE)
    page.goto(f"/my/applications/{application_id}")
    outcome = page.locator(".rectification")
    expect(outcome).to_contain_text("已整改")
    expect(outcome).to_contain_text("补正告知改由科室负责人复核后一次发出")
    expect(outcome).to_contain_text("申请人希望补正一次说清。")
    screenshot(page, "feedback-4-outcome-phone")


def handler_of(base_url: str, number: str) -> str:
    """The supervisor the complaint was routed to."""
    for username in SUPERVISORS:
        client, _ = signed_in(base_url, username)
        queue = client.get("/api/intake/v1/complaints").json()
        client.close()
        if any(c["number"] == number for c in queue):
            return username
    raise AssertionError(f"{number} is in no supervisor's queue")


def test_a_complaint_filed_signed_out_is_answered_closed_and_rated(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("link", name="监督投诉").first.click()
    expect(page.locator("h1")).to_have_text("监督投诉")
    page.get_by_label("投诉对象").select_option("hall")
    page.get_by_label("投诉内容").fill("周三下午取号后等了一个半小时，叫号屏不显示。")
    page.get_by_label("姓名").fill("王五")
    page.get_by_label("联系电话").fill("13812345678")
    screenshot(page, "complaint-1-form-phone")
    page.get_by_role("button", name="提交投诉").click()
    expect(page.locator("h2#filed-title")).to_have_text("投诉已登记")
    number = page.locator("#complaint-number").inner_text()
    code = page.locator("#complaint-code").inner_text()
    assert re.fullmatch(r"430103-TS-\d{8}-\d{5}", number), number
    screenshot(page, "complaint-2-filed-phone")

    errors: list[str] = []
    supervisor = staff_page(browser, base_url, handler_of(base_url, number), errors)
    expect(supervisor.locator("h1")).to_have_text("投诉处理")
    supervisor.get_by_role("link", name=number).click()
    expect(supervisor.locator("main")).to_contain_text("138****5678")
    supervisor.get_by_role("button", name="受理并开始调查").click()
    supervisor.get_by_label("调查记录（投诉人看不到）").fill("调取叫号系统日志，叫号屏故障属实。")
    supervisor.get_by_role("button", name="保存调查记录").click()
    expect(supervisor.locator(".timeline")).to_contain_text("叫号屏故障属实")
    supervisor.get_by_label("答复投诉人").fill("叫号屏已修复，并增设人工引导，向您致歉。")
    supervisor.get_by_role("button", name="发出答复").click()
    screenshot(supervisor, "complaint-3-supervisor")
    supervisor.get_by_role("button", name="办结").click()
    expect(supervisor.locator("h1 .badge")).to_have_text("已办结")
    supervisor.goto("/supervision/timeliness")
    expect(supervisor.locator("main")).to_contain_text("自然资源和规划局")
    screenshot(supervisor, "complaint-4-timeliness")
    supervisor.context.close()
    assert not errors, errors

    page.goto("/complaints/follow")
    page.get_by_label("投诉编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    answer = page.locator("main")
    expect(answer).to_contain_text("叫号屏已修复，并增设人工引导，向您致歉。")
    expect(answer).to_contain_text("已办结")
    expect(answer).not_to_contain_text("叫号屏故障属实")
    page.get_by_label("★★★★ 满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.locator(".notice.ok")).to_contain_text("感谢您的评价")
    screenshot(page, "complaint-5-answer-rated-phone")
    assert httpx.get(f"{base_url}/complaints/follow", params={"number": number, "code": "ZZZZZZ"}
                     ).status_code == 404
