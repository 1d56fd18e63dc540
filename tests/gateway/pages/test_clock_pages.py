"""The window's acceptance decision and the legal clock on the pages, and the administrator's
holiday table, over real HTTP."""

import httpx

from tests.gateway.pages.page_text import field
from tests.gateway.pages.test_applications import file_one, signed_in

NOT_ACCEPT = {"ground": "outside_competence", "reason": "申请事项属于住房和城乡建设部门职权",
              "legal_basis": "《中华人民共和国行政许可法》第三十二条第一款第（二）项"}


def test_the_clerk_refuses_acceptance_on_the_case_page(work_url: str) -> None:
    with httpx.Client(base_url=work_url, timeout=10) as site, \
            signed_in(site, "enterprise") as applicant, signed_in(site, "clerk") as clerk:
        application = file_one(applicant, "不予受理的申请")
        case = f"/clerk/applications/{application}"
        page = clerk.get(case).text
        assert "受理审查" in page and "以下必需材料尚未上传" in page
        assert f'action="{case}/non-acceptance"' in page
        assert '<a href="/clerk/applications">返回窗口受理</a>' in page  # not 我的申请
        csrf = field(page, "csrf_token")
        nameless = clerk.post(f"{case}/non-acceptance", data={"csrf_token": csrf, **NOT_ACCEPT})
        assert nameless.status_code == 422
        assert "须告知申请人向哪个行政机关申请" in nameless.text
        assert "申请事项属于住房和城乡建设部门职权" in nameless.text  # kept as typed
        done = clerk.post(f"{case}/non-acceptance", data={
            "csrf_token": csrf, **NOT_ACCEPT, "competent_body": "长沙市天心区住房和城乡建设局"})
        assert done.status_code == 303
        assert "已作出不予受理决定" in clerk.get(done.headers["location"]).text

        seen = applicant.get(f"/my/applications/{application}").text
        assert "不予受理决定" in seen and "长沙市天心区住房和城乡建设局" in seen
        assert "办理时限台账" in seen and "收到申请" in seen
        assert '<a href="/my/applications">返回我的申请</a>' in seen


def test_the_applicant_reads_the_ledger_and_the_clerk_cannot_notify_twice(
        work_url: str) -> None:
    with httpx.Client(base_url=work_url, timeout=10) as site, \
            signed_in(site, "enterprise") as applicant, signed_in(site, "clerk") as clerk:
        application = file_one(applicant, "一次性告知")
        case = f"/clerk/applications/{application}"
        csrf = field(clerk.get(case).text, "csrf_token")
        sent = clerk.post(f"{case}/corrections", data={
            "csrf_token": csrf, "item": "0", "material-0": "建设工程规划许可申请表",
            "reason-0": "未签字"})
        assert sent.status_code == 303
        detail = f"/my/applications/{application}"
        page = applicant.get(detail).text
        assert "补正期限" in page and "暂停计时：补正材料" in page
        again = applicant.post(f"{detail}/resubmit",
                               files=[("slot-0", ("申请表.pdf", b"%PDF-1.4 x", "application/pdf"))],
                               data={"csrf_token": field(page, "csrf_token")})
        assert again.status_code == 303
        window = clerk.get(case).text
        assert "依法不能再次告知补正" in window
        assert 'disabled aria-describedby="once-only"' in window
        from_the_queue = clerk.post(f"{case}/corrections", data={
            "item": "1", "material-1": "使用土地的有关证明文件", "reason-1": "已过期"},
            headers={"HX-Request": "true", "X-CSRF-Token": csrf})
        assert from_the_queue.status_code == 422 and "依法不能再次告知补正" in from_the_queue.text

        accepted = clerk.post(f"{case}/accept?case=1", data={"csrf_token": csrf})
        assert accepted.headers["location"] == f"{case}?done=accept"
        assert "已受理，办结期限开始计算" in clerk.get(accepted.headers["location"]).text
        page = applicant.get(detail).text
        assert "开始计时" in page and "恢复计时：补正材料" in page
        assert "剩余" in page and "办结期限" in page
        english = applicant.get(f"{detail}?lang=en").text
        assert "Clock started" in english


def test_the_administrator_keeps_the_holiday_table(work_url: str) -> None:
    with httpx.Client(base_url=work_url, timeout=10) as site, \
            signed_in(site, "admin") as admin, signed_in(site, "clerk") as clerk:
        assert clerk.get("/admin/holidays").status_code == 403
        page = admin.get("/admin/holidays").text
        assert "法定节假日表" in page and "2026" in page
        assert "临时" in page and 'href="/admin/holidays/2027"' in page  # the demo's 2027
        assert "2027-10-01" in admin.get("/admin/holidays/2027").text
        csrf = field(page, "csrf_token")
        wrong = admin.post("/admin/holidays", data={"csrf_token": csrf, "year": "2028",
                                                    "holidays": "2028-01-01, 元旦"})
        assert wrong.status_code == 422 and "无法识别的日期：元旦" in wrong.text
        saved = admin.post("/admin/holidays", data={"csrf_token": csrf, "year": "2028",
                                                    "provisional": "1"},
                           files={"upload": ("2028.txt", b"2028-01-01\n2028-5-1\n",
                                             "text/plain")})
        assert saved.status_code == 303
        shown = admin.get(saved.headers["location"]).text
        assert "2028 年假日表已保存" in shown
        assert "2028-05-01" in admin.get("/admin/holidays/2028").text


def test_the_department_extends_and_pauses_the_clock_from_its_cards(work_url: str) -> None:
    with httpx.Client(base_url=work_url, timeout=10) as site, \
            signed_in(site, "enterprise") as applicant, signed_in(site, "clerk") as clerk, \
            signed_in(site, "approver") as approver:
        application = file_one(applicant, "延期和特别程序")
        case = f"/clerk/applications/{application}"
        assert clerk.post(f"{case}/accept", data={
            "csrf_token": field(clerk.get(case).text, "csrf_token")}).status_code == 303
        queue = approver.get("/approver/applications").text
        assert "事项标准规定最长 10 天" in queue and "<option>专家评审</option>" in queue
        csrf = field(queue, "csrf_token")
        hx = {"HX-Request": "true", "X-CSRF-Token": csrf}
        cards = f"/approver/applications/{application}"
        too_long = approver.post(f"{cards}/extension", headers=hx,
                                 data={"days": "11", "reason": "需补充现场核查"})
        assert too_long.status_code == 422 and "<html" not in too_long.text
        extended = approver.post(f"{cards}/extension", headers=hx,
                                 data={"days": "5", "reason": "需补充现场核查"})
        assert extended.status_code == 200 and "已批准延期" in extended.text
        paused = approver.post(f"{cards}/special-procedures", headers=hx,
                               data={"procedure": "专家评审"})
        assert paused.status_code == 200 and "办理时限暂停计算" in paused.text
        page = applicant.get(f"/my/applications/{application}").text
        assert "延长期限：经批准延期" in page and "需补充现场核查" in page
        assert "暂停计时：专家评审" in page
        window = field(clerk.get(case).text, "csrf_token")
        resumed = clerk.post(f"{case}/special-procedures", data={"csrf_token": window, "end": "1"})
        assert resumed.status_code == 303
        assert "恢复计时：专家评审" in applicant.get(f"/my/applications/{application}").text
