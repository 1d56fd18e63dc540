"""The supervision pages on the demo zone: progress with flags in words and the 督办 action, the
notice answered from the department's to-do list, the review's workload, the archived reports
compared period to period and downloaded."""

import time

import httpx

from tests.gateway.pages.page_text import text_of
from tests.live import signed_in

HEALTH = "114301007072307007"


def wait_for(client: httpx.Client, path: str, ready, seconds: float = 150):  # type: ignore[no-untyped-def]
    """The demo's history reaches publish through the outbox: wait until `ready(answer)`."""
    deadline = time.monotonic() + seconds
    while True:
        answer = client.get(path).json()
        if ready(answer):
            return answer
        assert time.monotonic() < deadline, f"the demo's history did not arrive: {path}"
        time.sleep(1)


def test_a_leader_sees_their_departments_first_with_flags_in_words(demo_url: str) -> None:
    leader, _ = signed_in(demo_url, "leader3")
    wait_for(leader, "/api/publish/v1/progress", lambda a: a["totals"]["matters"] == 34)

    page = leader.get("/supervision/progress")
    text = text_of(page.text)
    table = text[text.index("各部门明细"):]

    assert page.status_code == 200 and '<svg class="progress-bars"' in page.text
    assert table.index("卫生健康局 我挂钩") < table.index("住房和城乡建设局")
    assert "落后于进度：已发布 2/4（50%）" in text
    assert "个工作日无进展（阈值 10）：医师执业注册、放射诊疗许可" in text
    assert "未办结督办 1 件" in text and "发出督办通知" in text
    assert "全区事项 34 项，已发布 32 项" in text


def test_the_department_answers_its_notice_from_the_to_do_list_and_the_leader_closes_it(
        work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor-health")
    todo = text_of(editor.get("/editor/todo").text)
    assert "督办第 2 号" in todo and "说明原因，明确提交审核的日期。" in todo

    answered = editor.post("/supervision/notices/2/answer", follow_redirects=False,
                           data={"csrf_token": csrf, "answer": "已落实专人，12月10日前提交审核。"})
    assert answered.status_code == 303
    leader, token = signed_in(work_url, "leader3")
    closed = leader.post("/supervision/notices/2/decision", follow_redirects=True,
                         data={"csrf_token": token, "decision": "close"})
    text = text_of(closed.text)
    assert "已办结" in text and "已落实专人" in text and "办理记录" in text
    assert "督办第 2 号" not in text_of(editor.get("/editor/todo").text)


def test_a_supervisor_issues_a_notice_to_a_flagged_department(work_url: str) -> None:
    supervisor, csrf = signed_in(work_url, "supervisor")
    # other tests of the package add matters of their own to this platform
    wait_for(supervisor, "/api/publish/v1/progress", lambda a: a["totals"]["matters"] >= 34)
    page = supervisor.post("/supervision/notices", follow_redirects=True, data={
        "csrf_token": csrf, "department_code": HEALTH, "reason": "修订草稿无进展",
        "action": "本周内提交审核", "due": "2099-01-01"})
    assert page.status_code == 200, text_of(page.text)[-600:]
    assert "卫生健康局" in page.text and "待答复" in page.text
    refused = supervisor.post("/supervision/notices", data={
        "csrf_token": csrf, "department_code": HEALTH, "reason": "", "action": "", "due": ""})
    assert refused.status_code == 422 and "请填写督办事由" in refused.text


def test_the_review_workload_per_group_and_reviewer(demo_url: str) -> None:
    admin, _ = signed_in(demo_url, "admin")
    text = text_of(admin.get("/supervision/workload?start=2025-01-01").text)
    assert "共审核标准 34 个、47 轮" in text
    assert "G1" in text and "赵组长（审核一组）" in text


def test_twelve_monthly_reports_are_archived_compared_and_downloadable(demo_url: str) -> None:
    supervisor, _ = signed_in(demo_url, "supervisor")
    archive = wait_for(supervisor, "/api/publish/v1/reports", lambda a: len(a["items"]) >= 12)
    assert [r["cadence"] for r in archive["items"]] == ["monthly"] * 12

    listing = supervisor.get("/supervision/reports")
    newest = archive["items"][0]["id"]
    report = text_of(supervisor.get(f"/supervision/reports/{newest}").text)

    assert "当前报告周期：月报" in text_of(listing.text) and "全区发布率走势" in listing.text
    assert "切换周期" not in listing.text  # supervisors read; leaders switch
    assert "较上期" in report and "对比上期" in report and "卫生健康局" in report
    pdf = supervisor.get(f"/supervision/reports/{newest}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = supervisor.get(f"/supervision/reports/{newest}.xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_the_administrator_links_a_leader_to_the_departments_they_oversee(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    assert "领导挂钩" in admin.get("/supervision/progress").text
    saved = admin.post("/supervision/progress/links", follow_redirects=False, data={
        "csrf_token": csrf, "leader": "leader2", "leader_name": "邓副主任（改革工作组副组长）",
        "departments": [HEALTH]})
    assert saved.status_code == 303
    links = {item["leader"]: item["departments"]
             for item in admin.get("/api/publish/v1/progress/links").json()["items"]}
    assert links["leader2"] == [HEALTH]
