"""Compile by Excel: the template, an upload and its progress, refused uploads (real HTTP)."""

import re
import time
from io import BytesIO
from urllib.parse import quote

import httpx
from openpyxl import load_workbook

from tests.catalog.excel.workbooks import XLSX, clerk_matter, filled, merged
from tests.gateway.pages.page_text import text_of
from tests.live import signed_in


def upload(client: httpx.Client, csrf: str | None, content: bytes,
           name: str = "规划局事项.xlsx") -> httpx.Response:
    data = {"csrf_token": csrf} if csrf else {}
    return client.post("/editor/excel", data=data, files={"file": (name, content, XLSX)})


def test_pages_need_a_signed_in_editor(work_url: str) -> None:
    for path in ("/editor/excel", "/editor/todo", "/admin/legal"):
        answer = httpx.get(f"{work_url}{path}", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/sign-in")
    applicant, _ = signed_in(work_url, "applicant")
    assert applicant.get("/editor/excel").status_code == 403
    assert applicant.get("/editor/todo").status_code == 403
    assert applicant.get("/api/catalog/v1/excel/template").status_code == 403


def test_template_and_export_download_through_the_gateway(work_url: str) -> None:
    editor, _ = signed_in(work_url, "editor")
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
        work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
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


def test_refused_uploads_come_back_on_the_form(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
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
