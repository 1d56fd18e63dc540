"""The department's to-do list over real HTTP on the demo zone: a provincial anomaly and a
repealed article appear, counted, and answers close them."""

import httpx

from tests.gateway.pages.page_text import text_of
from tests.live import signed_in


def test_todo_lists_anomalies_and_revisions_and_answers_close_them(
        demo_url: str, province: dict[str, str]) -> None:
    anomaly = httpx.post(f"{demo_url}/api/sync/v1/anomalies", headers=province, json={
        "anomaly_id": "GD-AB-PAGE-1", "implementation_code": "430103-01-0003", "version": 1,
        "field": "materials[1].legal_basis", "message": "材料缺少设定依据",
        "severity": "error"})
    assert anomaly.status_code == 202, anomaly.text
    admin, admin_csrf = signed_in(demo_url, "admin")
    laws = admin.get("/api/catalog/v1/legal/laws?articles=true").json()
    article = next(a for law in laws if law["name"] == "中华人民共和国城乡规划法"
                   for a in law["articles"] if a["article"] == "第四十一条")
    recorded = admin.post(f"/admin/legal/articles/{article['id']}/changes", follow_redirects=False,
                          data={"csrf_token": admin_csrf, "kind": "repealed",
                                "law_id": article["law_id"], "note": "测试废止"})
    assert recorded.status_code == 303
    after = admin.get(recorded.headers["location"])
    assert "已登记第四十一条的废止：标记了 4 处引用，1 个部门收到修订任务。" in after.text

    editor, csrf = signed_in(demo_url, "editor")
    page = text_of(editor.get("/editor/todo").text)
    assert "待办事项 2" in page
    assert "省级系统反馈的问题 1 个 · 法律依据修订 1 个" in page
    assert "材料缺少设定依据" in page and "乡村建设规划许可证核发" in page
    assert "第 1 版 · 材料 1 · 设定依据 1" in page  # labelled from the layout
    blank = editor.post("/editor/todo/anomalies/GD-AB-PAGE-1/resolve",
                        data={"csrf_token": csrf, "answer": " "}, headers={"HX-Request": "true"})
    assert blank.status_code == 422 and "请填写答复内容。" in blank.text
    done = editor.post("/editor/todo/anomalies/GD-AB-PAGE-1/resolve",
                       data={"csrf_token": csrf, "answer": "已在第 2 版补充材料依据。"},
                       headers={"HX-Request": "true"})
    assert done.status_code == 200 and "<html" not in done.text
    assert "已答复并关闭。" in done.text and "待办事项 1" in text_of(done.text)
    task = editor.get("/api/catalog/v1/legal/revision-tasks").json()[0]
    closed = editor.post(f"/editor/todo/revisions/{task['id']}/resolve", follow_redirects=False,
                         data={"csrf_token": csrf, "answer": "下一版本改用新的依据。"})
    assert closed.status_code == 303
    assert "待办事项 0" in text_of(editor.get("/editor/todo").text)
    english = text_of(editor.get("/editor/todo?lang=en").text)
    assert "To-do list 0" in english
