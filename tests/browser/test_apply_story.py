"""Story step 4 through the pages: apply online, the window accepts, the department approves."""

import re
import time
from pathlib import Path

import httpx
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import screenshot, sign_in

MATTER = "建设工程规划许可证核发"
PHONE = {"width": 390, "height": 844}


def wait_for_the_demo_lists(base_url: str, seconds: float = 30) -> None:
    """The demo matters reach publish through the outbox: wait until the guide is current."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        guide = httpx.get(f"{base_url}/api/publish/v1/guides/430103-01-0002", timeout=5)
        if guide.status_code == 200 and guide.json()["version"] == 2:
            return
        time.sleep(0.3)
    raise RuntimeError("the demo matters did not reach the public lists")


def watched(context: BrowserContext, errors: list[str]) -> Page:
    """A page of `context` whose console errors (CSP included) are collected in `errors`."""
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def file_the_application(page: Page, material: Path, exe: Path) -> int:
    """As the enterprise: search the power list, open the guide, apply slot by slot (an
    executable named .pdf is refused on the way); the application's id."""
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("一窗通")
    screenshot(page, "story-4-0-home")
    sign_in(page, "enterprise")
    page.goto("/power-list")
    page.fill("#q", "建设工程规划")
    results = page.locator("#results")
    expect(results).not_to_contain_text("食品经营许可")
    expect(page).to_have_url(re.compile(r"q=%E5%BB%BA"))
    screenshot(page, "story-4-1-power-list-search")
    results.get_by_role("link", name=MATTER, exact=True).click()
    expect(page.locator("h1")).to_have_text(MATTER)
    expect(page.locator("main")).to_contain_text("建设工程规划许可申请表")
    screenshot(page, "story-4-2-guide")
    page.get_by_role("link", name="在线申请").first.click()
    expect(page.locator("h1")).to_contain_text("在线申请")
    expect(page.get_by_role("radio", name="企业")).to_be_checked()
    page.fill("#legal_representative", "王立")
    page.fill("#phone", "0731-85551234")
    page.set_input_files("#slot-0", str(material))
    page.set_input_files("#slot-1", str(exe))
    page.get_by_role("button", name="预审材料").click()
    report = page.locator("#precheck")
    expect(report).to_contain_text("这是可执行程序，不能作为申请材料")
    expect(report).to_contain_text("必需材料尚未上传")
    screenshot(page, "story-4-3-apply-precheck")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".notice.error")).to_contain_text("有文件未通过检查，均未保存")
    expect(page.locator("#slot-1-problem")).to_contain_text("设计方案.pdf")
    screenshot(page, "story-4-3-apply-refused-exe")
    page.set_input_files("#slot-0", str(material))
    page.fill("#note", "新建厂房一期")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".notice.error")).to_contain_text("请勾选下方的确认")
    page.set_input_files("#slot-0", str(material))
    page.get_by_label(re.compile("我确认仍要提交")).check()
    screenshot(page, "story-4-3-apply-confirm")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".notice.ok")).to_contain_text("申请已提交")
    expect(page.locator(".case-ids")).to_contain_text(re.compile(r"430103-\d{8}-\d{5}"))
    expect(page.locator("h1 .badge.incomplete")).to_have_text("材料不全")
    match = re.search(r"/my/applications/(\d+)", page.url)
    assert match, page.url
    screenshot(page, "story-4-4-filed")
    return int(match.group(1))


def test_an_applicant_applies_online_and_gets_the_licence(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str, tmp_path: Path) -> None:
    wait_for_the_demo_lists(base_url)
    material = tmp_path / "建设工程规划许可申请表.pdf"
    material.write_bytes(b"%PDF-1.4\n% demo application form\n")
    exe = tmp_path / "设计方案.pdf"
    exe.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200)
    application_id = file_the_application(page, material, exe)
    card = f"#app-{application_id}"

    page.get_by_role("link", name="我的申请").first.click()
    row = page.locator("tbody tr", has=page.locator(f"a[href='/my/applications/{application_id}']"))
    expect(row).to_contain_text(MATTER)
    expect(row.locator(".badge")).to_have_text("已提交")
    screenshot(page, "story-4-5-my-applications")

    errors: list[str] = []
    clerk_context = browser.new_context(base_url=base_url, locale="zh-CN",
                                        viewport={"width": 1280, "height": 900})
    clerk = watched(clerk_context, errors)
    sign_in(clerk, "clerk")
    expect(clerk.locator("h1")).to_have_text("窗口受理")
    expect(clerk.locator(card)).to_contain_text(MATTER)
    with clerk.expect_download() as download:
        clerk.locator(card).get_by_role("link", name=material.name).click()
    assert download.value.suggested_filename == material.name
    clerk.locator(card).get_by_text("一次性告知补正").click()
    expect(clerk.locator(card).get_by_label("需补正：建设工程设计方案")).to_be_visible()
    screenshot(clerk, "story-4-6-clerk-queue")
    clerk.locator(card).get_by_role("button", name="受理", exact=True).click()
    expect(clerk.locator(card)).to_contain_text("已受理，办结期限开始计算")
    expect(clerk.locator(f"{card} .badge").first).to_have_text("已受理")
    screenshot(clerk, "story-4-7-clerk-accepted")
    clerk_context.close()

    page.goto(f"/my/applications/{application_id}")
    clock = page.locator("section.clock")
    expect(clock.locator("tr.clock-received")).to_contain_text("收到申请")
    expect(clock.locator("tr.clock-started")).to_contain_text("开始计时")
    expect(clock).to_contain_text("剩余")
    screenshot(page, "story-4-7-applicant-ledger")

    approver_context = browser.new_context(base_url=base_url, locale="zh-CN",
                                           viewport={"width": 1280, "height": 900})
    approver = watched(approver_context, errors)
    sign_in(approver, "approver")
    expect(approver.locator("h1")).to_have_text("审批决定")
    approver.locator(card).get_by_text("延期办理").click()
    expect(approver.locator(card).get_by_label(re.compile("延长天数"))).to_be_visible()
    screenshot(approver, "story-4-8-approver-extension")
    approver.locator(card).get_by_role("button", name="准予许可", exact=True).click()
    expect(approver.locator(card)).to_contain_text("决定已作出")
    expect(approver.locator(f"{card} .badge").first).to_have_text("准予许可")
    screenshot(approver, "story-4-8-approver-granted")
    approver_context.close()
    assert not errors, f"browser console errors: {errors}"

    page.goto(f"/my/applications/{application_id}")
    expect(page.locator("h1 .badge").first).to_have_text("准予许可")
    decision = page.locator("section.decision")
    expect(decision).to_contain_text("已办结")
    expect(decision).to_contain_text("建设工程规划许可证")
    screenshot(page, "story-4-9-result")
    page.set_viewport_size(PHONE)
    screenshot(page, "story-4-10-result-phone")
    page.goto("/power-list?q=规划")
    screenshot(page, "story-4-11-power-list-phone")
    page.goto("/apply/430103-01-0002")
    page.set_input_files("#slot-1", str(exe))
    page.get_by_role("button", name="预审材料").click()
    expect(page.locator("#precheck")).to_contain_text("这是可执行程序")
    screenshot(page, "story-4-12-apply-phone")


def test_the_window_refuses_acceptance_and_the_administrator_keeps_the_holidays(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str, tmp_path: Path) -> None:
    wait_for_the_demo_lists(base_url)
    material = tmp_path / "建设工程规划许可申请表.pdf"
    material.write_bytes(b"%PDF-1.4\n% demo application form\n")
    sign_in(page, "enterprise")
    page.goto("/apply/430103-01-0002")
    page.fill("#legal_representative", "王立")
    page.fill("#phone", "0731-85551234")
    page.set_input_files("#slot-0", str(material))
    page.get_by_label(re.compile("我确认仍要提交")).check()
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".notice.ok")).to_contain_text("申请已提交")
    match = re.search(r"/my/applications/(\d+)", page.url)
    assert match, page.url

    errors: list[str] = []
    context = browser.new_context(base_url=base_url, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    clerk = watched(context, errors)
    sign_in(clerk, "clerk")
    clerk.goto(f"/clerk/applications/{match.group(1)}")
    expect(clerk.locator("section.acceptance")).to_contain_text("以下必需材料尚未上传")
    clerk.get_by_text("不予受理", exact=True).click()
    clerk.get_by_role("radio", name="不属于本部门职权范围").check()
    clerk.get_by_label("不予受理的理由", exact=True).fill("申请事项属于住房和城乡建设部门职权")
    clerk.get_by_label("法律依据").fill("《中华人民共和国行政许可法》第三十二条第一款第（二）项")
    clerk.get_by_role("button", name="作出不予受理决定").click()
    expect(clerk.get_by_role("alert")).to_contain_text("须告知申请人向哪个行政机关申请")
    clerk.get_by_label(re.compile("有权受理的行政机关")).fill("长沙市天心区住房和城乡建设局")
    screenshot(clerk, "story-4-13-clerk-not-accepting")
    clerk.get_by_role("button", name="作出不予受理决定").click()
    expect(clerk.locator(".notice.ok")).to_contain_text("已作出不予受理决定")
    expect(clerk.locator("h1 .badge").first).to_have_text("不予受理")
    context.close()

    page.goto(f"/my/applications/{match.group(1)}")
    expect(page.locator("h1 .badge").first).to_have_text("不予受理")
    expect(page.locator("main")).to_contain_text("长沙市天心区住房和城乡建设局")
    screenshot(page, "story-4-14-applicant-not-accepted")

    admin_context = browser.new_context(base_url=base_url, locale="zh-CN",
                                        viewport={"width": 1280, "height": 900})
    admin = watched(admin_context, errors)
    sign_in(admin, "admin")
    admin.goto("/admin/holidays")
    expect(admin.locator("h1")).to_have_text("法定节假日表")
    expect(admin.locator("main")).to_contain_text("临时")
    screenshot(admin, "story-4-15-admin-holidays")
    admin_context.close()
    unexpected = [e for e in errors if "status of 422" not in e]  # the refused form's answer
    assert not unexpected, f"browser console errors: {unexpected}"
