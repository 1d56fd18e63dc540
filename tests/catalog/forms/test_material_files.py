"""Blank forms and samples: editors upload PDF, DOCX or XLSX (read from the bytes, ≤ 5 MB),
anyone downloads them under their Chinese name; the window's details go out with each
publication, so the printed guide names the hall's address, hours and phone."""

import io
import zipfile
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from catalog.forms.samples import workbook
from tests.builders import EDITOR, outbox_events, publish_new
from tests.conftest import token

API = "/api/catalog/v1"
FILES = f"{API}/material-files"
ADMIN = token("admin", sub="admin")
VISITOR = token("public", sub="anonymous")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HOURS = "周一至周五 上午9:00–12:00 下午13:30–17:30（法定节假日除外）"


def docx() -> bytes:
    """A minimal Word document (the parts filetype looks for)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(client: TestClient, name: str, content: bytes, headers: dict[str, str] = EDITOR,
           ) -> object:
    return client.post(FILES, headers=headers,
                       files={"file": (name, content, "application/octet-stream")})


def test_an_editor_uploads_a_blank_form_and_anyone_downloads_it(client: TestClient) -> None:
    content = workbook(title="建设工程规划许可申请表", matter="建设工程规划许可证核发",
                       filled=False)
    stored = upload(client, "建设工程规划许可申请表.xlsx", content)

    assert stored.status_code == 201, stored.text
    body = stored.json()
    assert body["reference"] == f"file:{body['sha256']}/建设工程规划许可申请表.xlsx"
    downloaded = client.get(body["download"], headers=VISITOR)
    assert downloaded.status_code == 200 and downloaded.content == content
    assert downloaded.headers["content-type"] == XLSX
    assert downloaded.headers["x-content-type-options"] == "nosniff"
    assert (f"filename*=UTF-8''{quote('建设工程规划许可申请表.xlsx')}"
            in downloaded.headers["content-disposition"])
    again = upload(client, "another name.xlsx", content)
    assert again.json()["reference"] == body["reference"]  # the same bytes, kept once


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("表.pdf", PDF, "application/pdf"), ("表.docx", docx(),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")])
def test_pdf_and_word_are_accepted_by_their_content(client: TestClient, name: str,
                                                    content: bytes, kind: str) -> None:
    stored = upload(client, name, content)
    assert stored.status_code == 201, stored.text
    assert stored.json()["content_type"] == kind


@pytest.mark.parametrize(("name", "content"), [
    ("表.xlsx", b""), ("表.pdf", b"<html><script>alert(1)</script></html>"),
    ("表.docx", b"MZ\x90\x00" + b"\x00" * 100), ("表.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
    ("表.pdf", PDF.replace(b"<<>>", b"<</Encrypt 2 0 R>>", 1)),
    ("表.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))])
def test_other_kinds_empty_or_large_files_are_refused(client: TestClient, name: str,
                                                      content: bytes) -> None:
    refused = upload(client, name, content)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"


def test_a_path_in_the_name_is_dropped_and_the_extension_follows_the_content(
        client: TestClient) -> None:
    stored = upload(client, "../../etc/pass<wd>.xlsx", PDF)
    assert stored.status_code == 201, stored.text
    assert stored.json()["file_name"] == "pass_wd_.pdf"
    windows_path = upload(client, "C:\\Users\\x\\申请表.docx", docx()).json()
    assert windows_path["file_name"] == "申请表.docx"


@pytest.mark.parametrize("path", ["../../models", "%2e%2e%2f%2e%2e%2fmodels", "0" * 63 + "g",
                                  "A" * 64, "0" * 64])
def test_only_a_stored_sha256_downloads(client: TestClient, path: str) -> None:
    assert client.get(f"{FILES}/{path}", headers=VISITOR).status_code in (400, 404, 422)


@pytest.mark.parametrize("role", ["public", "applicant", "clerk", "reviewer", "publisher"])
def test_only_editors_upload(client: TestClient, role: str) -> None:
    assert upload(client, "表.pdf", PDF, headers=token(role)).status_code == 403


def test_a_window_keeps_its_address_hours_and_phone_and_publication_sends_them(
        client: TestClient, db_url: str) -> None:
    details = {"name": "规划建设窗口", "address": "天心区政务服务中心二楼B区 11—16号窗口",
               "hours": HOURS, "phone": "0731-85899102"}
    changed = client.put(f"{API}/windows/planning", headers=ADMIN, json=details)
    assert changed.status_code == 200 and changed.json() == {"code": "planning", **details}
    assert client.put(f"{API}/windows/planning", headers=ADMIN,
                      json={**details, "hours": "x" * 201}).status_code == 422

    publish_new(client, window="planning")
    [payload] = [p for t, _, p in outbox_events(db_url)
                 if t == "matter_version.published" and _ == "publish"]
    assert payload["window"] == {"code": "planning", **details}


def test_the_demo_matters_offer_their_application_form(demo_client: TestClient) -> None:
    document = demo_client.get(f"{API}/matters/430103-01-0002/versions/2/document",
                               headers=ADMIN).json()
    form = document["materials"][0]
    assert form["blank_form"].endswith("/建设工程规划许可申请表.xlsx")
    assert form["sample"].endswith("/建设工程规划许可申请表（示范文本）.xlsx")
    sha256 = form["sample"].removeprefix("file:").split("/")[0]
    sample = demo_client.get(f"{FILES}/{sha256}", headers=VISITOR)
    assert sample.status_code == 200 and sample.headers["content-type"] == XLSX
    windows = demo_client.get(f"{API}/windows", headers=ADMIN).json()
    assert all(w["address"] and "天心区政务服务中心" in w["address"] and w["hours"]
               and w["phone"] for w in windows)
