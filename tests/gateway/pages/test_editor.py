"""The editor's catalog and matter form over real HTTP: search and filters, a refused form,
CSRF, a stale draft, and the elements the form edits."""

import html
import re

from gateway.standard.form import CARRIED
from tests.gateway.pages.matter_forms import matter_form
from tests.gateway.pages.page_text import field_error
from tests.gateway.standard.documents import LAYOUT
from tests.live import signed_in


def test_the_editor_sees_the_departments_matters_and_not_others(work_url: str) -> None:
    editor, _ = signed_in(work_url, "editor")
    page = editor.get("/editor/matters")
    assert page.status_code == 200
    assert "自然资源和规划局" in page.text
    assert "建设用地规划许可证核发" in page.text
    assert "食品经营许可" not in page.text
    found = editor.get("/editor/matters", params={"q": "乡村"}, headers={"HX-Request": "true"})
    assert "乡村建设规划许可证核发" in found.text
    assert "建设用地规划许可证核发" not in found.text
    assert "<html" not in found.text  # an HTMX request gets the fragment only
    assert found.headers["vary"] == "HX-Request"


def test_an_invalid_form_comes_back_with_readable_errors_and_what_was_typed(
        work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    answer = editor.post("/editor/matters/new", data=matter_form(
        "430103-01-9001", csrf, name="", statutory_limit="5", committed_limit="9",
        **{"materials-0-originals": "两份"}))
    assert answer.status_code == 422
    assert field_error(answer.text, "name") == "请填写此项。"
    assert field_error(answer.text, "committed_limit") == "承诺办结时限不能超过法定办结时限。"
    assert field_error(answer.text, "materials-0-originals") == "请填写整数。"
    assert 'value="430103-01-9001"' in answer.text
    assert 'value="两份"' in answer.text
    assert "临时建设工程规划许可申请表" in answer.text
    assert editor.get("/editor/matters", params={"q": "430103-01-9001"}).text.count(
        "430103-01-9001") == 1  # only in the search box: nothing was saved


def test_a_post_without_the_csrf_token_is_refused(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    form = matter_form("430103-01-9002", csrf)
    del form["csrf_token"]
    answer = editor.post("/editor/matters/new", data=form)
    assert answer.status_code == 403
    assert "CSRF" in answer.text


def test_a_saved_draft_edited_by_someone_else_meanwhile_is_not_overwritten(
        work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    created = editor.post("/editor/matters/new", data=matter_form("430103-01-9003", csrf))
    assert created.status_code == 303
    assert created.headers["location"] == "/editor/matters/430103-01-9003"
    assert "草稿" in editor.get(created.headers["location"]).text
    form_page = editor.get("/editor/matters/430103-01-9003/versions/1/edit").text
    etag = re.search(r'name="etag" value="([^"]+)"', form_page)
    assert etag is not None and "临时建设工程规划许可" in form_page
    edit = matter_form("430103-01-9003", csrf, etag=html.unescape(etag[1]),
                       name="临时建设工程规划许可（修订）")
    assert editor.post("/editor/matters/430103-01-9003/versions/1/edit",
                       data=edit).status_code == 303
    stale = editor.post("/editor/matters/430103-01-9003/versions/1/edit",
                        data={**edit, "name": "又一次修改"})
    assert stale.status_code == 412
    assert "该版本已被他人修改，请刷新后重试" in stale.text


def test_special_procedures_faq_and_contacts_typed_in_the_form_are_stored(
        work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    code = "430103-01-9302"
    form = matter_form(code, csrf, **{
        "special_procedures-0-name": "专家评审", "special_procedures-0-limit": "10",
        "special_procedures-0-basis": "1",
        "faq-0-question": "临时建设可以使用多久？", "faq-0-answer": "不超过二年。",
        "consultation-phone": "0731-88888888", "complaint-phone": "12345",
        "complaint-online": "https://example.org/complaint", "case_class": "immediate",
        "extension-allowed": "on", "extension-max_days": "10"})
    saved = editor.post("/editor/matters/new", data=form)
    assert saved.status_code == 303, saved.text
    version = editor.get(f"/api/catalog/v1/matters/{code}/versions/1").json()
    stored = version["standard"]
    assert stored["special_procedures"] == [
        {"name": "专家评审", "limit": 10, "legal_basis": stored["legal_basis"][:1]}]
    assert stored["faq"] == [{"question": "临时建设可以使用多久？", "answer": "不超过二年。"}]
    assert stored["consultation"]["phone"] == "0731-88888888"
    assert stored["complaint"] == {"phone": "12345", "address": None,
                                   "online": "https://example.org/complaint"}
    assert stored["case_class"] == "immediate"
    assert stored["extension"]["max_days"] == 10
    page = editor.get(f"/editor/matters/{code}/versions/1/edit").text
    assert 'value="专家评审"' in page and "临时建设可以使用多久？" in page


def test_a_citation_of_a_missing_legal_basis_row_is_refused_beside_its_field(
        work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    answer = editor.post("/editor/matters/new", data=matter_form(
        "430103-01-9303", csrf, **{"materials-0-basis": "3"}))
    assert answer.status_code == 422
    assert re.search(r'id="e-materials-0-basis">[^<]*第 3 条', answer.text)
    assert editor.get("/api/catalog/v1/matters/430103-01-9303").status_code == 404


def test_the_catalog_page_filters_by_state_type_and_window(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    editor.post("/editor/matters/new", data=matter_form("430103-01-9304", csrf))
    everything = editor.get("/editor/matters").text
    assert "430103-01-9304" in everything
    published = editor.get("/editor/matters", params={"state": "published"})
    rows = re.findall(r'<span class="badge (\w+)">', published.text.split('id="matter-list"')[1])
    assert rows and set(rows) == {"published"}
    assert "430103-01-9304" not in published.text
    assert '<option value="published" selected>已发布</option>' in published.text
    drafts = editor.get("/editor/matters", params={"state": "draft", "window": "planning",
                                                   "matter_type": "01"},
                        headers={"HX-Request": "true"})
    assert "430103-01-9304" in drafts.text and "<html" not in drafts.text
    assert editor.get("/editor/matters", params={"matter_type": "02"}).text.count(
        "430103-01-9304") == 0


def test_the_form_has_a_labelled_field_for_every_element_of_the_layout(work_url: str) -> None:
    admin, _ = signed_in(work_url, "admin")  # an admin chooses the department
    for lang in ("zh", "en"):
        page = admin.get("/editor/matters/new", params={"lang": lang}).text
        for element in LAYOUT.top():
            if element.key in CARRIED or element.kind == "departments":
                continue  # carried along unedited; co-handling lists the other departments
            if element.kind == "list":
                names = [f"{element.key}-0-{'basis' if e.kind == 'citations' else e.key}"
                         for e in element.elements]
            elif element.kind == "department":
                names = ["department-code"]
            elif element.elements:
                names = [f"{element.key}-{'basis' if e.kind == 'citations' else e.key}"
                         for e in element.elements]
            else:
                names = [element.key]
            for name in names:
                assert f'name="{name}"' in page, name
            assert html.escape(element.label.en if lang == "en" else element.label.zh) in page
