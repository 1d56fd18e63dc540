"""好差评 and 监督投诉 through the pages, over real HTTP: rating a closed case (a 差评 opens a
rectification the department answers), a complaint filed signed out and handled to the end."""

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.gateway.pages.page_text import field, text_of
from tests.gateway.pages.test_applications import file_one, htmx_post, signed_in

SUPERVISORS = ["supervisor", *(f"supervisor{n}" for n in range(2, 11))]


@pytest.fixture(scope="module")
def site(work_url: str) -> Iterator[httpx.Client]:
    """An anonymous client of the platform for tests that write."""
    with httpx.Client(base_url=work_url, timeout=10) as client:
        yield client


def decided(site: httpx.Client, applicant: httpx.Client, decision: str = "rejected") -> int:
    """An application of `applicant`, accepted by the window and decided by the department."""
    application = file_one(applicant)
    with signed_in(site, "clerk") as clerk, signed_in(site, "approver") as approver:
        csrf = field(clerk.get("/clerk/applications").text, "csrf_token")
        htmx_post(clerk, f"/clerk/applications/{application}/accept", csrf)
        csrf = field(approver.get("/approver/applications").text, "csrf_token")
        htmx_post(approver, f"/approver/applications/{application}/decision", csrf,
                  decision=decision, opinion="不符合规划条件")
    return application


def test_a_bad_rating_is_rectified_and_the_applicant_sees_the_outcome(
        site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as applicant:
        application = decided(site, applicant)
        detail = f"/my/applications/{application}"
        page = applicant.get(detail).text
        assert 'action="' + detail + '/rating"' in page and "提交评价" in page
        complain = re.search(r'href="(/complaints/new\?kind=case&amp;ref=[^"]+)"', page)
        assert complain, "no link to complain about the case"
        form = applicant.get(complain[1].replace("&amp;", "&")).text
        assert '<option value="case" selected>' in form
        csrf = field(page, "csrf_token")
        none = applicant.post(f"{detail}/rating", data={"csrf_token": csrf})
        assert none.status_code == 422 and "请选择 1 到 5 星" in none.text
        rated = applicant.post(f"{detail}/rating", data={
            "csrf_token": csrf, "score": "2", "tag": ["many_trips", "long_wait"],
            "comment": "跑了三次才办成"})
        assert rated.status_code == 303 and rated.headers["location"].endswith("?rated=1")
        page = text_of(applicant.get(f"{detail}?rated=1").text)
        assert "感谢您的评价" in page and "2 星 · 不满意" in page and "跑了多次" in page
        assert "差评整改 整改中" in page and "部门正在整改" in page
        again = applicant.post(f"{detail}/rating", data={"csrf_token": csrf, "score": "5"})
        assert again.status_code == 409 and "状态已经变化" in again.text
        case_number = re.search(r'class="case-number">([^<]+)<',
                                applicant.get(detail).text)[1]  # type: ignore[index]

    with signed_in(site, "approver") as approver:
        page = approver.get("/rectifications").text
        found = re.search(r'id="rect-(\d+)"[^>]*>\s*<h3[^>]*><span class="case-number">'
                          + re.escape(case_number), page)
        assert found and "跑了三次才办成" in page
        rect, csrf = found.group(1), field(page, "csrf_token")
        early = approver.post(f"/rectifications/{rect}/close",
                              data={"csrf_token": csrf, "outcome": "已整改"})
        assert early.status_code == 409
        bad = approver.post(f"/rectifications/{rect}/callback",
                            data={"csrf_token": csrf, "at": "not a time", "note": "x"})
        assert bad.status_code == 422 and "请填写回访时间" in bad.text
        for step, data in (("callback", {"at": "2026-12-02T10:30", "note": "申请人表示理解"}),
                           ("close", {"outcome": "已精简材料清单，一次告知到位。"})):
            done = approver.post(f"/rectifications/{rect}/{step}",
                                 data={"csrf_token": csrf, **data})
            assert done.status_code == 303, done.text
    with signed_in(site, "enterprise") as applicant:
        page = text_of(applicant.get(detail).text)
        assert "已整改" in page and "已精简材料清单，一次告知到位。" in page
        assert "2026-12-02 10:30" in page and "申请人表示理解" in page


def handler_of(site: httpx.Client, number: str) -> str:
    """The supervisor the complaint was assigned to."""
    for username in SUPERVISORS:
        with signed_in(site, username) as supervisor:
            if number in supervisor.get("/supervisor/complaints").text:
                return username
    raise AssertionError(f"{number} is in no supervisor's queue")


def test_a_complaint_filed_signed_out_is_answered_and_rated(site: httpx.Client) -> None:
    form = site.get("/complaints/new?kind=hall")
    assert form.status_code == 200 and 'for="phone"' in form.text
    missing = site.post("/complaints/new", data={"subject_kind": "hall", "content": "排队太久"})
    assert missing.status_code == 422 and "请留下姓名和联系电话" in missing.text
    assert "排队太久" in missing.text  # what was written is kept
    unknown = site.post("/complaints/new", data={
        "subject_kind": "case", "subject_ref": "430103-20990101-00001", "content": "x",
        "name": "王五", "phone": "13812345678"})
    assert unknown.status_code == 422 and "填写的内容不符合要求" in unknown.text
    filed = site.post("/complaints/new", data={
        "subject_kind": "hall", "content": "周一上午排队两个小时。", "name": "王五",
        "phone": "13812345678"})
    assert filed.status_code == 201, filed.text
    number = re.search(r'id="complaint-number">([^<]+)<', filed.text)[1]  # type: ignore[index]
    code = re.search(r'id="complaint-code">([^<]+)<', filed.text)[1]  # type: ignore[index]

    wrong = site.get("/complaints/follow", params={"number": number, "code": "ZZZZZZ"})
    assert wrong.status_code == 404 and "投诉编号或查询码不正确" in wrong.text
    follow = site.get("/complaints/follow", params={"number": number, "code": code})
    assert follow.status_code == 200 and "已登记" in follow.text

    with signed_in(site, handler_of(site, number)) as supervisor:
        case = f"/supervisor/complaints/{number}"
        page = supervisor.get(case).text
        assert "138****5678" in page and "13812345678" not in page
        csrf = field(page, "csrf_token")
        empty = supervisor.post(f"{case}/answer", data={"csrf_token": csrf, "text": " "})
        assert empty.status_code == 422
        for step, text in (("accept", ""), ("notes", "调取叫号记录属实"),
                           ("answer", "已在高峰时段增开两个窗口，向您致歉。"), ("close", "")):
            done = supervisor.post(f"{case}/{step}", data={"csrf_token": csrf, "text": text})
            assert done.status_code == 303, (step, done.text)
        assert "已办结" in supervisor.get(case).text

    follow = text_of(site.get("/complaints/follow",
                              params={"number": number, "code": code}).text)
    assert "已在高峰时段增开两个窗口，向您致歉。" in follow and "已办结" in follow
    assert "调取叫号记录属实" not in follow  # the notes stay with the supervisors
    rated = site.post("/complaints/follow/rating",
                      data={"number": number, "code": code, "score": "4"})
    assert rated.status_code == 200 and "感谢您的评价" in rated.text
    again = site.post("/complaints/follow/rating",
                      data={"number": number, "code": code, "score": "5"})
    assert again.status_code == 409


def test_the_timeliness_page_shows_every_department(site: httpx.Client) -> None:
    with signed_in(site, "supervisor") as supervisor:
        page = supervisor.get("/supervision/timeliness")
        assert page.status_code == 200
        assert "办理时效" in page.text and "各部门评价" in page.text
        english = supervisor.get("/supervision/timeliness?lang=en").text
        assert "Timeliness" in english and "Ratings by department" in english


def test_the_complaint_pages_read_in_english(site: httpx.Client) -> None:
    page = site.get("/complaints/new?lang=en").text
    assert "File a complaint" in page or "Submit complaint" in page
    assert "The service hall" in page
