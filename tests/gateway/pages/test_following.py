"""办件查询 and documents on the pages: follow a case signed out, download and verify its
documents, see days left in one's list."""

import re
from collections.abc import Iterator

import httpx
import pytest

from gateway import demo_cases
from tests.gateway.pages.page_text import field
from tests.gateway.pages.test_applications import file_one, htmx_post, signed_in
from tests.intake.documents import pdf_text


@pytest.fixture(scope="module")
def site(work_url: str) -> Iterator[httpx.Client]:
    """An anonymous client of the platform."""
    with httpx.Client(base_url=work_url, timeout=30) as client:
        yield client


def case_ids(page: str) -> tuple[str, str]:
    """The case number and query code an application page prints."""
    found = re.findall(r'<strong class="case-number">([^<]+)</strong>', page)
    return found[0], found[1]


def test_a_case_followed_signed_out_with_its_documents(site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as applicant, signed_in(site, "clerk") as clerk:
        application = file_one(applicant, "办件查询")
        csrf = field(clerk.get("/clerk/applications").text, "csrf_token")
        assert htmx_post(clerk, f"/clerk/applications/{application}/accept",
                         csrf).status_code == 200
        page = applicant.get(f"/my/applications/{application}").text
        number, code = case_ids(page)
        links = re.findall(rf'href="(/applications/{application}/documents/\d+)"', page)
        assert len(links) == 2 and "受理通知书（PDF）" in page
        pdf = applicant.get(links[1])
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        text = pdf_text(pdf.content)
        assert "受理通知书" in text and number in text and "建设工程规划许可证核发" in text
        verification = re.findall(r'<span class="case-number">([0-9A-Z]{16})</span>', page)[1]
        # The clerk's page links the same documents; the list shows days left.
        assert links[0] in clerk.get(f"/clerk/applications/{application}").text
        assert re.search(r"剩余 \d+ 天|今天到期", applicant.get("/my/applications").text)
        assert site.get(links[0]).status_code in (303, 401)  # signed out: sign in first

    shown = site.get("/progress", params={"case_number": number, "code": code.lower()})
    assert shown.status_code == 200
    assert "已受理" in shown.text and "办理过程" in shown.text and "收件" in shown.text
    assert "长**" in shown.text and "长沙天心智造科技有限公司" not in shown.text
    english = site.get("/progress", params={"case_number": number, "code": code, "lang": "en"})
    assert "Steps of the case" in english.text

    checked = site.get("/documents/verify", params={"code": verification})
    assert checked.status_code == 200 and "本平台出具过这份文书" in checked.text
    assert "受理通知书" in checked.text and number in checked.text


def test_a_wrong_pair_or_code_is_said_plainly(site: httpx.Client) -> None:
    wrong = site.get("/progress", params={"case_number": "430103-20000101-00001",
                                          "code": "ZZZZZZ"})
    assert wrong.status_code == 404 and "没有找到这个办件" in wrong.text
    half = site.get("/progress", params={"case_number": "430103-20000101-00001"})
    assert half.status_code == 422 and "请同时填写办件编号和查询码" in half.text
    form = site.get("/progress")
    assert form.status_code == 200 and '<label for="code">查询码</label>' in form.text
    unknown = site.get("/documents/verify", params={"code": "ABCDEFGHJKMNPQRS"})
    assert unknown.status_code == 404 and "没有找到这个核验码的文书" in unknown.text
    assert 'href="/progress"' in site.get("/").text


def test_the_demo_cases_show_each_state_with_its_documents(work_url: str,
                                                           site: httpx.Client) -> None:
    cases = demo_cases.file_cases(work_url, wait=30, once=False)
    states = []
    for case in cases:
        shown = site.get(f"/api/intake/v1/progress/{case['case_number']}",
                         params={"code": case["query_code"]})
        assert shown.status_code == 200, shown.text
        states.append((shown.json()["state"], shown.json()["documents"][-1]))
    assert states == [("submitted", "receipt"), ("correction_requested", "correction_notice"),
                      ("accepted", "acceptance_notice"), ("approved", "approval"),
                      ("rejected", "refusal")]
