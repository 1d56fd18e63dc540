"""Difficult questions over real HTTP: a department raises one and follows it, the technical
guidance group answers it at its weekly meeting, and every department finds the answer."""

from datetime import timedelta

from kit.clock import china_today
from tests.live import signed_in


def test_a_question_is_raised_answered_at_the_meeting_and_found(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    title = "容缺受理的材料清单由谁确定？"
    asked = "容缺受理的次要材料清单由部门自定还是统一制定？"
    raised = editor.post("/questions", data={
        "csrf_token": csrf, "title": title, "question": asked,
        "implementation_code": "430103-01-0002", "element": "materials"})
    assert raised.status_code == 303
    mine = editor.get("/questions").text
    assert title in mine and "待答复" in mine
    assert "“其他材料”能否作为申请材料？" in mine  # the demo's question of this department
    guidance, guidance_csrf = signed_in(work_url, "guidance")
    queue = guidance.get("/questions/queue").text
    assert title in queue
    question_id = int(queue.split(title)[0].rsplit('href="/questions/', 1)[1].split('"')[0])

    reply = "由部门提出，技术指导组统一审定。"
    undated = guidance.post(f"/questions/{question_id}/answer", data={
        "csrf_token": guidance_csrf, "answer": reply, "when": "meeting"})
    meeting = (china_today() - timedelta(days=1)).isoformat()
    answered = guidance.post(f"/questions/{question_id}/answer", data={
        "csrf_token": guidance_csrf, "answer": reply, "when": "meeting", "meeting_date": meeting})

    assert undated.status_code == 422 and "周例会日期" in undated.text
    assert answered.status_code == 303
    assert "已答复" in editor.get("/questions").text
    approver, _ = signed_in(work_url, "approver")
    found = approver.get("/knowledge", params={"q": "容缺 审定"})
    assert found.status_code == 200 and title in found.text
    assert f"{meeting} 周例会答复" in found.text
    assert title not in approver.get("/knowledge", params={"q": "容缺 收费"}).text
    page = approver.get(f"/questions/{question_id}")
    assert page.status_code == 200 and "由部门提出" in page.text and "发布答复" not in page.text


def test_a_question_without_a_title_is_refused_in_place(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    answer = editor.post("/questions", data={"csrf_token": csrf, "title": " ", "question": "内容"})
    assert answer.status_code == 422 and "请填写问题标题和问题内容" in answer.text


def test_the_demo_knowledge_base_answers_a_search(demo_url: str) -> None:
    reviewer, _ = signed_in(demo_url, "reviewer")
    page = reviewer.get("/knowledge", params={"q": "兜底"})
    assert page.status_code == 200
    assert "“其他材料”能否作为申请材料？" in page.text and "周例会答复" in page.text
