"""The guide people print, over real HTTP on the demo zone: the hall window, the flowchart, the
QR code and the forms to download; the staff handbook; an editor's upload of a blank form."""

import re
from collections.abc import Iterator

import httpx
import pytest

from catalog.forms.samples import workbook
from tests.live import signed_in

GUIDE = "/guides/430103-01-0002"
JOINT = "/guides/430103-01-0003"  # 乡村建设规划许可证核发: co-handling departments
FIELD = "materials-0-blank_form"


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[httpx.Client]:
    """An anonymous client of the demo platform."""
    with httpx.Client(base_url=demo_url, timeout=30) as client:
        yield client


def test_the_guide_names_the_window_draws_the_flow_and_offers_the_forms(
        site: httpx.Client) -> None:
    page = site.get(GUIDE)
    assert page.status_code == 200
    for words in ("办理地点和时间", "天心区政务服务中心二楼B区 11—16号窗口",
                  "周一至周五 上午9:00–12:00 下午13:30–17:30（法定节假日除外）",
                  'href="tel:0731-85899102"', 'role="img"', "建设工程规划许可证核发办理流程图",
                  "不计入办理时限", "空白表格和示范文本下载",
                  "建设工程规划许可申请表（示范文本）.xlsx",
                  'class="print-only print-head"', "扫码查看在线办事指南",
                  'href="/static/guide.css"'):
        assert words in page.text, words
    assert "handbook.pdf" not in page.text  # the public never sees the staff handbook
    assert len(set(re.findall(r'/api/catalog/v1/material-files/([0-9a-f]{64})"', page.text))) == 2


def test_a_form_downloads_under_its_chinese_name(site: httpx.Client) -> None:
    page = site.get(GUIDE).text
    link = re.search(r'href="(/api/catalog/v1/material-files/[0-9a-f]{64})" download>'
                     r"建设工程规划许可申请表.xlsx<", page)
    assert link
    form = site.get(link.group(1))
    assert form.status_code == 200 and form.content.startswith(b"PK")
    assert form.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''%E5%BB%BA" in form.headers["content-disposition"]


def test_the_joint_matter_draws_its_co_handling_departments(site: httpx.Client) -> None:
    chart = site.get(f"/api/publish/v1{JOINT}/flowchart.svg")
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
    assert chart.text.count("并联审批") >= 2
    assert "农村建房质量安全及建设标准审查" in chart.text


def test_staff_open_the_handbook_from_the_guide(demo_url: str) -> None:
    clerk, _ = signed_in(demo_url, "clerk")
    page = clerk.get(GUIDE)
    assert f'href="{GUIDE}/handbook.pdf"' in page.text and "业务手册" in page.text
    handbook = clerk.get(f"{GUIDE}/handbook.pdf")
    assert handbook.status_code == 200 and handbook.content.startswith(b"%PDF")
    assert handbook.headers["content-type"] == "application/pdf"
    assert clerk.get("/guides/NOPE/handbook.pdf").status_code == 404


def test_an_editor_uploads_a_blank_form_beside_the_material(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    form = editor.get("/editor/matters/new")
    assert f'hx-post="/editor/material-files?field={FIELD}"' in form.text
    content = workbook(title="建设工程规划许可申请表", matter="建设工程规划许可证核发",
                       filled=False)
    answer = editor.post(f"/editor/material-files?field={FIELD}",
                         data={"csrf_token": csrf}, headers={"HX-Request": "true"},
                         files={"file": ("新申请表.xlsx", content, "application/octet-stream")})
    assert answer.status_code == 200
    assert "已上传：新申请表.xlsx" in answer.text
    assert re.search(rf'id="f-{FIELD}" name="{FIELD}" value="file:[0-9a-f]{{64}}/新申请表.xlsx"',
                     answer.text)
    refused = editor.post(f"/editor/material-files?field={FIELD}", data={"csrf_token": csrf},
                          headers={"HX-Request": "true"},
                          files={"file": ("x.xlsx", b"<html></html>", "text/html")})
    assert refused.status_code == 200 and "只接受 PDF、DOCX、XLSX 文件" in refused.text
    odd = editor.post("/editor/material-files?field=../x", data={"csrf_token": csrf},
                      files={"file": ("x.pdf", b"%PDF-1.4", "application/pdf")})
    assert odd.status_code == 422


def test_the_administrator_sets_a_window_s_place_hours_and_phone(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    saved = admin.post("/admin/windows/industry", follow_redirects=False, data={
        "csrf_token": csrf, "name": "产业服务窗口", "address": "天心区政务服务中心三楼",
        "hours": "周一至周五 9:00–17:00", "phone": "0731-85899999"})
    assert saved.status_code == 303
    page = admin.get("/admin/windows")
    for value in ("天心区政务服务中心三楼", "周一至周五 9:00–17:00", "0731-85899999"):
        assert f'value="{value}"' in page.text
