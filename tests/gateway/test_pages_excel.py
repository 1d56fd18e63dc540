"""Excel upload, the to-do list and the legal registry pages, over real HTTP (embedded platform)."""

import re
import time
from collections.abc import Iterator
from io import BytesIO
from urllib.parse import quote

import httpx
import pytest
from openpyxl import load_workbook

from tests.catalog.excel.workbooks import XLSX, clerk_matter, filled, merged
from tests.live import embedded_platform, signed_in

PROVINCE_KEY = "test-provincial-key"


@pytest.fixture(scope="module")
def platform_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole platform (embedded, SQLite, demo data), with a provincial API key."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ONEWINDOW_PROVINCIAL_API_KEY", PROVINCE_KEY)
        with embedded_platform(tmp_path_factory.mktemp("excel-pages")) as url:
            yield url




def upload(client: httpx.Client, csrf: str | None, content: bytes,
           name: str = "规划局事项.xlsx") -> httpx.Response:
    data = {"csrf_token": csrf} if csrf else {}
    return client.post("/editor/excel", data=data, files={"file": (name, content, XLSX)})


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_pages_need_a_signed_in_editor(platform_url: str) -> None:
    for path in ("/editor/excel", "/editor/todo", "/admin/legal"):
        answer = httpx.get(f"{platform_url}{path}", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/sign-in")
    applicant, _ = signed_in(platform_url, "applicant")
    assert applicant.get("/editor/excel").status_code == 403
    assert applicant.get("/editor/todo").status_code == 403
    assert applicant.get("/api/catalog/v1/excel/template").status_code == 403


def test_template_and_export_download_through_the_gateway(platform_url: str) -> None:
    editor, _ = signed_in(platform_url, "editor")
    page = editor.get("/editor/excel")
    assert page.status_code == 200
    assert 'href="/api/catalog/v1/excel/template"' in page.text
    template = editor.get("/api/catalog/v1/excel/template")
    assert template.headers["content-type"] == XLSX
    assert quote("事项标准导入模板.xlsx") in template.headers["content-disposition"]
    assert "事项" in load_workbook(BytesIO(template.content)).sheetnames
    export = editor.get("/api/catalog/v1/excel/export")
    names = [row[3] for row in load_workbook(BytesIO(export.content))["事项"]
             .iter_rows(min_row=2, values_only=True)]
    assert "建设工程规划许可证核发" in names and "食品经营许可" not in names


def test_an_upload_shows_its_progress_then_the_drafts_and_polling_stops(
        platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
    template = editor.get("/api/catalog/v1/excel/template").content
    rows = merged(*(clerk_matter(f"430199-01-7{i:03d}", f"页面导入事项{i:03d}")
                    for i in range(60)))
    answer = upload(editor, csrf, filled(template, rows))
    assert answer.status_code == 303, answer.text
    job_url = answer.headers["location"]
    assert re.fullmatch(r"/editor/excel/imports/\d+", job_url)
    first = editor.get(job_url)
    assert "<progress" in first.text and "<html" in first.text
    for _ in range(240):
        fragment = editor.get(job_url, headers={"HX-Request": "true"})
        assert fragment.headers["vary"] == "HX-Request" and "<html" not in fragment.text
        if 'hx-trigger="every 1s"' not in fragment.text:
            break
        time.sleep(0.25)
    shown = text_of(fragment.text)
    assert "导入完成：新建 60 个事项" in shown and "页面导入事项059" in shown
    draft = editor.get("/api/catalog/v1/matters/430199-01-7000/versions/1").json()
    assert draft["state"] == "draft" and draft["standard"]["name"] == "页面导入事项000"
    listing = editor.get("/editor/excel")
    assert "保存 60 个草稿" in text_of(listing.text)


def test_refused_uploads_come_back_on_the_form(platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
    assert upload(editor, None, b"x").status_code == 403  # no CSRF token
    wrong = upload(editor, csrf, b"hello", name="事项.txt")
    assert wrong.status_code == 415
    assert "请上传 .xlsx 格式的 Excel 文件" in wrong.text and 'aria-invalid="true"' in wrong.text
    corrupt = upload(editor, csrf, b"PK\x03\x04broken")
    assert corrupt.status_code == 422 and "损坏" in corrupt.text
    none = editor.post("/editor/excel", data={"csrf_token": csrf})
    assert none.status_code == 422 and "请选择要上传的 Excel 文件" in none.text
    template = editor.get("/api/catalog/v1/excel/template").content
    bad = clerk_matter("430199-01-7900", "错误事项", {("事项", 0, "法定办结时限"): "二十"})
    job_url = upload(editor, csrf, filled(template, bad)).headers["location"]
    for _ in range(120):
        page = editor.get(job_url)
        if "xl-errors" in page.text:
            break
        time.sleep(0.25)
    shown = text_of(page.text)
    assert "文件中有 1 处错误" in shown and "事项 2 K 法定办结时限" in shown and "二十" in shown


def test_todo_lists_anomalies_and_revisions_and_answers_close_them(platform_url: str) -> None:
    province = {"Authorization": f"Bearer {PROVINCE_KEY}"}
    anomaly = httpx.post(f"{platform_url}/api/sync/v1/anomalies", headers=province, json={
        "anomaly_id": "GD-AB-PAGE-1", "implementation_code": "430103-01-0003", "version": 1,
        "field": "materials[1].legal_basis", "message": "材料缺少设定依据",
        "severity": "error"})
    assert anomaly.status_code == 202, anomaly.text
    admin, admin_csrf = signed_in(platform_url, "admin")
    laws = admin.get("/api/catalog/v1/legal/laws?articles=true").json()
    article = next(a for law in laws if law["name"] == "中华人民共和国城乡规划法"
                   for a in law["articles"] if a["article"] == "第四十一条")
    recorded = admin.post(f"/admin/legal/articles/{article['id']}/changes", follow_redirects=False,
                          data={"csrf_token": admin_csrf, "kind": "repealed",
                                "law_id": article["law_id"], "note": "测试废止"})
    assert recorded.status_code == 303
    after = admin.get(recorded.headers["location"])
    assert "已登记第四十一条的废止：标记了 4 处引用，1 个部门收到修订任务。" in after.text

    editor, csrf = signed_in(platform_url, "editor")
    page = text_of(editor.get("/editor/todo").text)
    assert "待办事项 2" in page
    assert "省级系统反馈的问题 1 个 · 法律依据修订 1 个" in page
    assert "材料缺少设定依据" in page and "乡村建设规划许可证核发" in page
    assert "第 1 版 · 申请材料 1 · 设定依据 1" in page
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


def test_the_registry_is_read_only_for_editors(platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
    page = editor.get("/admin/legal", params={"q": "食品安全"})
    assert page.status_code == 200
    shown = text_of(page.text)
    assert "中华人民共和国食品安全法" in shown and "中华人民共和国城乡规划法" not in shown
    assert "登记修改或废止" not in page.text and "登记法律法规" not in page.text
    refused = editor.post("/admin/legal/laws", data={"csrf_token": csrf, "name": "某法",
                                                     "issuer": "某机关"})
    assert refused.status_code == 403
