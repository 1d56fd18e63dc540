"""Following a case: the applicant downloads the 受理通知书, anyone follows the case on 办件查询
signed out (on a phone too) and checks the document by its code."""

import io
import re
from pathlib import Path

import pypdf
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot, sign_in
from tests.browser.test_apply_story import wait_for_the_demo_lists
from tests.live import signed_in

MATTER = "建设工程规划许可证核发"
PHONE = {"width": 390, "height": 844}
ENTERPRISE = {"kind": "enterprise", "applicant_name": "长沙天心智造科技有限公司",
              "credit_code": "914301035T4L8D200D", "legal_representative": "王立",
              "phone": "0731-85551234", "confirm_incomplete": "true"}


def accepted_case(base_url: str) -> tuple[int, str, str]:
    """An application of the demo enterprise, filed and accepted by API: id, number, code."""
    applicant, csrf = signed_in(base_url, "enterprise")
    filed = applicant.post("/api/intake/v1/applications", headers={"X-CSRF-Token": csrf},
                           data={"implementation_code": "430103-01-0002", **ENTERPRISE,
                                 "slots": "0"},
                           files=[("materials", ("建设工程规划许可申请表.pdf", b"%PDF-1.4 form",
                                                 "application/pdf"))])
    assert filed.status_code == 201, filed.text
    case = filed.json()
    clerk, clerk_csrf = signed_in(base_url, "clerk")
    accepted = clerk.post(f"/api/intake/v1/applications/{case['id']}/accept",
                          headers={"X-CSRF-Token": clerk_csrf})
    assert accepted.status_code == 200, accepted.text
    return case["id"], case["case_number"], case["query_code"]


def test_a_case_is_followed_signed_out_and_its_notice_downloaded(  # type: ignore[no-untyped-def]
        page: Page, browser: Browser, base_url: str, tmp_path: Path) -> None:
    wait_for_the_demo_lists(base_url)
    application_id, number, code = accepted_case(base_url)

    sign_in(page, "enterprise")
    page.goto(f"/my/applications/{application_id}")
    documents = page.locator("table.documents")
    expect(documents).to_contain_text("收件凭证")
    with page.expect_download() as download:
        documents.get_by_role("link", name="受理通知书（PDF）").click()
    saved = tmp_path / "notice.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == f"受理通知书-{number}.pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(saved.read_bytes()))
                   .pages).replace("\n", "")
    assert "受理通知书" in text and number in text and MATTER in text and code in text
    verification = re.search(r"核验码 ([0-9A-Z]{16})", text)
    assert verification, text
    screenshot(page, "following-1-documents")
    page.goto("/my/applications")
    row = page.locator("tbody tr",
                       has=page.locator(f"a[href='/my/applications/{application_id}']"))
    expect(row.locator(".days-left")).to_contain_text(re.compile(r"剩余 \d+ 天|今天到期"))

    stranger = browser.new_context(base_url=base_url, locale="zh-CN", viewport=PHONE)
    phone = stranger.new_page()
    phone.goto("/")
    phone.get_by_role("link", name=re.compile("办件查询")).click()
    expect(phone.locator("h1")).to_have_text("办件查询")
    phone.get_by_label("办件编号").fill(number)
    phone.get_by_label("查询码").fill("WRONG2")
    phone.get_by_role("button", name="查询").click()
    expect(phone.locator("#result")).to_contain_text("没有找到这个办件")
    phone.get_by_label("查询码").fill(code.lower())
    phone.get_by_role("button", name="查询").click()
    result = phone.locator("#result")
    expect(result).to_contain_text(MATTER)
    expect(result.locator(".badge").first).to_have_text("已受理")
    expect(result.locator("ol.ledger li")).to_have_count(2)
    expect(result).to_contain_text("长**")
    expect(result).not_to_contain_text("长沙天心智造科技有限公司")
    screenshot(phone, "following-2-progress-phone")

    phone.goto("/documents/verify")
    phone.get_by_label("核验码").fill(verification.group(1))
    phone.get_by_role("button", name="核验").click()
    expect(phone.locator("#result")).to_contain_text("本平台出具过这份文书")
    expect(phone.locator("#result")).to_contain_text(number)
    screenshot(phone, "following-3-verify-phone")
    stranger.close()
