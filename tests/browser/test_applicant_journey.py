"""Issue 8's "Done when", in one real browser, as people would: an applicant files slot by slot
(an executable named .pdf is refused on the page), the window accepts and the applicant
downloads the 受理通知书, anyone follows the case signed out, the department decides, the
applicant rates it 2 stars and reads the rectification, and a complaint filed signed out is
answered, closed and followed by its number and code."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import ARTIFACTS, screenshot, sign_in, watch
from tests.browser.test_apply_story import PHONE, wait_for_the_demo_lists
from tests.browser.test_feedback_story import handler_of

MATTER = "建设工程规划许可证核发"
CODE = "430103-01-0002"
DESK = {"width": 1280, "height": 900}
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200

Person = Callable[..., Page]


@pytest.fixture
def person(browser: Browser, base_url: str) -> Iterator[Person]:
    """A fresh browser context per person (own cookies), signed in unless username is None;
    no console error allowed except the refused forms' own answers."""
    contexts, errors = [], []

    def open_as(username: str | None, viewport: dict[str, int] | None = None) -> Page:
        context = browser.new_context(base_url=base_url, locale="zh-CN",
                                      viewport=viewport or DESK)
        contexts.append(context)
        page = context.new_page()
        watch(page, errors)
        if username:
            sign_in(page, username)
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert not errors, f"browser console errors: {errors}"


def shot_of(part: Locator, name: str) -> None:
    """A screenshot of one part of a page under test-artifacts/ (the README shows some)."""
    ARTIFACTS.mkdir(exist_ok=True)
    part.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def file_slot_by_slot(applicant: Page, tmp_path: Path) -> tuple[int, str, str]:
    """The enterprise files on the apply page; the first slot gets an executable named .pdf
    first, refused in Chinese, then the real PDF. The application's id, number and code."""
    applicant.goto("/power-list?q=建设工程规划")
    applicant.get_by_role("link", name=MATTER, exact=True).click()
    applicant.get_by_role("link", name="在线申请").first.click()
    expect(applicant.locator("h1")).to_contain_text("在线申请")
    applicant.fill("#legal_representative", "王立")
    applicant.fill("#phone", "0731-85551234")
    slots = applicant.locator("ol.slots > li.slot")
    names = [slots.nth(i).locator("label strong").first.inner_text()
             for i in range(slots.count())]
    files = [tmp_path / f"{name}.pdf" for name in names]
    for real in files:
        real.write_bytes(b"%PDF-1.4\n% " + real.stem.encode() + b"\n%%EOF\n")
    disguised = tmp_path / "disguised" / files[0].name
    disguised.parent.mkdir()
    disguised.write_bytes(EXE)
    applicant.set_input_files("#slot-0", str(disguised))
    for i, real in enumerate(files[1:], start=1):
        applicant.set_input_files(f"#slot-{i}", str(real))
    applicant.get_by_role("button", name="提交申请").click()
    expect(applicant.locator(".notice.error")).to_contain_text("有文件未通过检查，均未保存")
    problem = applicant.locator("#slot-0-problem")
    expect(problem).to_contain_text("这是可执行程序，不能作为申请材料")
    expect(problem).to_contain_text(disguised.name)
    screenshot(applicant, "journey-1-apply-refused-exe")

    applicant.fill("#legal_representative", "王立")
    applicant.fill("#phone", "0731-85551234")
    for i, real in enumerate(files):
        applicant.set_input_files(f"#slot-{i}", str(real))
    applicant.fill("#note", "新建厂房一期")
    applicant.get_by_role("button", name="提交申请").click()
    expect(applicant.locator(".notice.ok")).to_contain_text("申请已提交")
    ids = applicant.locator(".case-ids .case-number")
    number, code = ids.nth(0).inner_text(), ids.nth(1).inner_text()
    assert re.fullmatch(r"430103-\d{8}-\d{5}", number), number
    assert re.fullmatch(r"[A-Z2-9]{6}", code), code
    expect(applicant.locator("h1 .badge").first).to_have_text("已提交")
    expect(applicant.locator("h1 .badge.incomplete")).to_have_count(0)
    screenshot(applicant, "journey-2-filed")
    match = re.search(r"/my/applications/(\d+)", applicant.url)
    assert match, applicant.url
    return int(match.group(1)), number, code


def the_window_accepts(clerk: Page, application_id: int) -> None:
    clerk.goto(f"/clerk/applications/{application_id}")
    desk = clerk.locator("section.acceptance")
    expect(desk).to_contain_text("必需材料均已上传")
    screenshot(clerk, "journey-3-clerk-desk")
    desk.get_by_role("button", name="受理", exact=True).click()
    expect(clerk.locator("h1 .badge").first).to_have_text("已受理")
    clock = clerk.locator("section.clock")
    expect(clock.locator("tr.clock-started")).to_contain_text("开始计时")
    expect(clock).to_contain_text("剩余")
    expect(clerk.get_by_role("link", name="返回窗口受理")).to_have_attribute(
        "href", "/clerk/applications")
    screenshot(clerk, "journey-4-clerk-accepted-clock")


def the_notice_is_downloaded(applicant: Page, application_id: int, number: str,
                             tmp_path: Path) -> None:
    applicant.goto(f"/my/applications/{application_id}")
    documents = applicant.locator("table.documents")
    expect(documents).to_contain_text("收件凭证")
    with applicant.expect_download() as download:
        documents.get_by_role("link", name="受理通知书（PDF）").click()
    assert download.value.suggested_filename == f"受理通知书-{number}.pdf"
    saved = tmp_path / "notice.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF"), saved.read_bytes()[:40]
    screenshot(applicant, "journey-5-documents")
    shot_of(applicant.locator("section", has=documents), "journey-5-documents-part")


def anyone_follows(stranger: Page, number: str, code: str) -> None:
    """Signed out, on a phone: 办件查询 with the number and the code."""
    stranger.goto("/")
    stranger.get_by_role("link", name=re.compile("办件查询")).first.click()
    expect(stranger.locator("h1")).to_have_text("办件查询")
    stranger.get_by_label("办件编号").fill(number)
    stranger.get_by_label("查询码").fill(code)
    stranger.get_by_role("button", name="查询").click()
    result = stranger.locator("#result")
    expect(result).to_contain_text(MATTER)
    expect(result.locator(".badge").first).to_have_text("已受理")
    expect(result.locator("ol.ledger li")).to_have_count(2)
    clock = result.locator("table.ledger")
    expect(clock.locator("tr.clock-received")).to_contain_text("收到申请")
    expect(clock.locator("tr.clock-started")).to_contain_text("开始计时")
    expect(result).not_to_contain_text("长沙天心智造科技有限公司")
    screenshot(stranger, "journey-6-progress-phone")


def the_department_decides_and_is_rated(person: Person, applicant: Page,
                                        application_id: int, number: str) -> None:
    approver = person("approver")
    card = approver.locator(f"#app-{application_id}")
    expect(card).to_contain_text(MATTER)
    card.get_by_role("button", name="准予许可", exact=True).click()
    expect(card).to_contain_text("决定已作出")

    applicant.goto(f"/my/applications/{application_id}")
    expect(applicant.locator("h1 .badge").first).to_have_text("准予许可")
    expect(applicant.locator("section.decision")).to_contain_text("已办结")
    form = applicant.locator("form.rate-form")
    form.get_by_label("★★ 不满意", exact=True).check()
    form.get_by_label("等待太久").check()
    form.get_by_label("意见或建议（选填）").fill("审查意见没有一次说清，多等了三天。")
    form.get_by_role("button", name="提交评价").click()
    expect(applicant.locator(".notice.ok")).to_contain_text("感谢您的评价")
    expect(applicant.locator("section.rating")).to_contain_text("2 星 · 不满意")
    expect(applicant.locator(".rectification")).to_contain_text("整改中")

    approver.goto("/rectifications")
    card = approver.locator("article", has_text=number)
    expect(card).to_contain_text("审查意见没有一次说清")
    card.get_by_label("回访时间").fill("2026-12-02T10:30")
    card.get_by_label("申请人的意见").fill("申请人希望审查意见一次列全。")
    card.get_by_role("button", name="记录回访").click()
    expect(approver.locator(".notice.ok")).to_contain_text("已保存")
    card = approver.locator("article", has_text=number)
    card.get_by_label("整改结果").fill("审查意见改为一次列全并由科长复核，已向申请人致歉。")
    screenshot(approver, "journey-7-rectification-desk")
    card.get_by_role("button", name="记录结果并办结").click()
    expect(approver.locator("article", has_text=number)).to_contain_text("已整改")

    applicant.set_viewport_size(PHONE)
    applicant.goto(f"/my/applications/{application_id}")
    outcome = applicant.locator(".rectification")
    expect(outcome).to_contain_text("已整改")
    expect(outcome).to_contain_text("申请人希望审查意见一次列全。")
    expect(outcome).to_contain_text("审查意见改为一次列全并由科长复核")
    screenshot(applicant, "journey-8-rated-and-rectified-phone")
    shot_of(applicant.locator("section.rating"), "journey-8-rating-part-phone")


def a_complaint_is_answered(person: Person, base_url: str, number: str) -> None:
    complainant = person(None, PHONE)
    complainant.goto("/complaints/new")
    expect(complainant.locator("h1")).to_have_text("监督投诉")
    complainant.get_by_label("投诉对象").select_option("case")
    complainant.get_by_label("办件编号、事项编码或部门代码").fill(number)
    complainant.get_by_label("投诉内容").fill("受理后审查意见分两次告知，多等了三天。")
    complainant.get_by_label("姓名").fill("王立")
    complainant.get_by_label("联系电话").fill("13812345678")
    complainant.get_by_role("button", name="提交投诉").click()
    expect(complainant.locator("h2#filed-title")).to_have_text("投诉已登记")
    complaint = complainant.locator("#complaint-number").inner_text()
    code = complainant.locator("#complaint-code").inner_text()
    screenshot(complainant, "journey-9-complaint-filed-phone")

    supervisor = person(handler_of(base_url, complaint))
    supervisor.goto("/supervisor/complaints")
    supervisor.get_by_role("link", name=complaint).click()
    supervisor.get_by_role("button", name="受理并开始调查").click()
    supervisor.get_by_label("答复投诉人").fill("经核查属实，已要求部门审查意见一次告知，向您致歉。")
    supervisor.get_by_role("button", name="发出答复").click()
    supervisor.get_by_role("button", name="办结").click()
    expect(supervisor.locator("h1 .badge")).to_have_text("已办结")

    complainant.goto("/complaints/follow")
    complainant.get_by_label("投诉编号").fill(complaint)
    complainant.get_by_label("查询码").fill(code)
    complainant.get_by_role("button", name="查询").click()
    answer = complainant.locator("main")
    expect(answer).to_contain_text("经核查属实，已要求部门审查意见一次告知，向您致歉。")
    expect(answer).to_contain_text("已办结")
    screenshot(complainant, "journey-10-complaint-answer-phone")


def test_the_applicants_journey_from_filing_to_a_rectified_rating_and_an_answered_complaint(
        person: Person, base_url: str, tmp_path: Path) -> None:
    wait_for_the_demo_lists(base_url)
    applicant = person("enterprise")
    application_id, number, code = file_slot_by_slot(applicant, tmp_path)
    the_window_accepts(person("clerk"), application_id)
    the_notice_is_downloaded(applicant, application_id, number, tmp_path)
    anyone_follows(person(None, PHONE), number, code)
    the_department_decides_and_is_rated(person, applicant, application_id, number)
    a_complaint_is_answered(person, base_url, number)
