"""The matter form edits every element of the standard: the conversion round trip, saving the
new sections through the pages, and the filters of the editor's catalog."""

import re
from typing import Any

from catalog.standard import MatterStandard
from gateway.standard.form import citation_errors, document_of, values_from
from tests.gateway.test_pages_staff import matter_form, platform_url, signed_in

__all__ = ["platform_url"]  # the session fixture, shared with the staff pages' tests

BASIS = [{"law": "中华人民共和国城乡规划法", "article": "第四十四条", "clause": "第一款",
          "text": "在城市、镇规划区内进行临时建设的，应当经批准。",
          "effective_date": "2019-04-23"},
         {"law": "湖南省实施《中华人民共和国城乡规划法》办法", "article": "第三十六条",
          "clause": None, "text": "临时建设的使用期限不超过二年。", "effective_date": None}]
DEPARTMENTS = [{"code": "11430100707230200T", "name": "自然资源和规划局"},
               {"code": "11430100MB1234567X", "name": "住房和城乡建设局"}]


def full_standard() -> dict[str, Any]:
    """A standard with every element filled, as the catalog stores it."""
    material = {"name": "临时建设工程规划许可申请表", "required": True, "form": "either",
                "originals": 1, "copies": 2, "source": "applicant", "legal_basis": BASIS[1:],
                "notes": "加盖公章", "issuing_body": "自然资源和规划局",
                "blank_form": "https://example.org/blank.docx", "sample": "sample.pdf",
                "fill_notes": "用黑色签字笔填写", "acceptance_standard": "内容完整、签章齐全",
                "order": 1}
    standard = {
        "implementation_code": "430103-01-9301", "basic_code": "XK90000001",
        "handling_item_code": "430103-01-9301-01", "name": "临时建设工程规划许可",
        "matter_type": "01", "exercise_level": "3", "department": DEPARTMENTS[0],
        "window": "planning", "service_objects": ["enterprise", "person"], "legal_basis": BASIS,
        "conditions": [{"text": "临时建设不影响近期建设规划", "legal_basis": BASIS},
                       {"text": "申请材料齐全、符合法定形式", "legal_basis": []}],
        "materials": [material, {**material, "name": "建设工程设计方案", "required": False,
                                 "legal_basis": [], "notes": None, "order": None}],
        "statutory_limit": 20, "committed_limit": 5, "limit_unit": "working_day",
        "limit_explanation": "自受理之日起计算", "case_class": "immediate",
        "special_procedures": [{"name": "专家评审", "limit": 10, "legal_basis": BASIS[:1]},
                               {"name": "听证", "limit": None, "legal_basis": []}],
        "extension": {"allowed": True, "max_days": 10, "legal_basis": BASIS[1:]},
        "fees": [{"name": "工本费", "standard": "10元/份", "legal_basis": BASIS[:1],
                  "waivable": True, "waiver": "小微企业免收"}],
        "steps": [{"name": "受理", "actor": "规划建设窗口", "limit": 1,
                   "review_standard": "材料齐全"},
                  {"name": "决定", "actor": "分管局长", "limit": 4, "review_standard": None}],
        "discretion_benchmarks": [{"circumstance": "材料齐全", "standard": "当场受理"}],
        "channels": {"online": True, "online_depth": 4, "onsite_visits": 1,
                     "onsite_reason": "核验原件", "appointment": True, "delivery_by_post": True},
        "result": {"name": "临时建设工程规划许可证", "type": "证照"},
        "faq": [{"question": "临时建设可以使用多久？", "answer": "不超过二年。"}],
        "co_handling_departments": DEPARTMENTS[1:],
        "consultation": {"phone": "0731-88888888", "address": "政务服务中心二楼",
                         "online": "https://example.org/ask"},
        "complaint": {"phone": "12345", "address": None, "online": None},
        "effective_from": "2027-01-01", "cancel_date": "2030-12-31",
        "derived_from": "XK90000001",
    }
    assert MatterStandard.model_validate(standard).model_dump(mode="json") == standard
    return standard


def test_a_full_standard_shown_in_the_form_and_saved_unchanged_is_the_same() -> None:
    standard = full_standard()
    values = values_from(standard)
    assert values["materials-0-basis"] == "2" and values["conditions-0-basis"] == "1, 2"
    assert citation_errors(values) == {}
    again, _ = document_of(values, {d["code"]: d["name"] for d in DEPARTMENTS})
    assert again == standard


def test_a_provision_cited_but_missing_from_the_legal_basis_is_kept_as_a_row() -> None:
    standard = {**full_standard(), "legal_basis": BASIS[:1]}
    again, _ = document_of(values_from(standard), {d["code"]: d["name"] for d in DEPARTMENTS})
    assert again["legal_basis"] == BASIS  # the form can cite only its own rows
    assert again["materials"] == standard["materials"]


def test_a_number_list_citing_no_legal_basis_row_is_an_error() -> None:
    values = {**values_from(full_standard()), "faq-0-question": "问",
              "materials-0-basis": "1, 7", "fees-0-basis": "一"}
    assert citation_errors(values) == {"materials-0-basis": ("ed.err.basis_missing", "7"),
                                       "fees-0-basis": ("ed.err.basis_list", "一")}



def test_special_procedures_faq_and_contacts_typed_in_the_form_are_stored(
        platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
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
        platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
    answer = editor.post("/editor/matters/new", data=matter_form(
        "430103-01-9303", csrf, **{"materials-0-basis": "3"}))
    assert answer.status_code == 422
    assert re.search(r'id="e-materials-0-basis">[^<]*第 3 条', answer.text)
    assert editor.get("/api/catalog/v1/matters/430103-01-9303").status_code == 404


def test_the_catalog_page_filters_by_state_type_and_window(platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
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


class Visitor:
    """An anonymous visitor, as the guide's apply button needs one."""

    signed_in = False

    class principal:  # noqa: N801 — shaped like access.Caller.principal
        @staticmethod
        def has(*roles: str) -> bool:
            return False


def guide_html(document: dict[str, Any]) -> str:
    """The guide's content as publish's contract document would show."""
    from jinja2_fragments import render_block

    from gateway.i18n import translator
    from gateway.page import env, helpers

    t = translator("zh")
    return render_block(env, "guide.html", "content", {
        "caller": Visitor(), "t": t, **helpers(t), "guide": document})


def contract(standard: dict[str, Any]) -> dict[str, Any]:
    """The contract document of a standard (catalog.standard.contract_document)."""
    from catalog.standard import contract_document
    return contract_document(standard, version=1, published_at="2027-01-01T00:00:00+00:00")


def test_the_guide_shows_the_richer_elements_and_nothing_of_them_when_absent() -> None:
    page = guide_html(contract(full_standard()))
    for shown in ("第四十四条第一款", "2019-04-23 起施行", "依据：《中华人民共和国城乡规划法》",
                  "用黑色签字笔填写", "即办件", "自受理之日起计算", "专家评审",
                  "最多延长 10 天", "小微企业免收", "审查标准：材料齐全", "可预约办理",
                  "支持邮寄送达", "临时建设可以使用多久？", "住房和城乡建设局", "0731-88888888",
                  "投诉电话", "2030-12-31"):
        assert shown in page, shown
    bare = {**full_standard(), "special_procedures": [], "faq": [],
            "extension": {"allowed": False, "max_days": None, "legal_basis": []},
            "consultation": {"phone": None, "address": None, "online": None},
            "complaint": {"phone": None, "address": None, "online": None},
            "co_handling_departments": [], "cancel_date": None, "limit_explanation": None}
    page = guide_html(contract(bare))
    for absent in ("特别程序", "常见问题", "延期办理", "咨询与投诉", "联办部门", "取消", "None"):
        assert absent not in page, absent


def test_the_reviewer_sees_the_richer_elements_of_a_stored_standard() -> None:
    from gateway.i18n import translator
    from gateway.page import env

    view = env.from_string('{% import "_matter_standard.html" as rv with context %}'
                           '{{ rv.standard(std, ["faq"]) }}')
    page = view.render(t=translator("zh"), window_names={}, std=full_standard())
    for shown in ("第一款", "依据：《湖南省实施", "受理标准：</span>内容完整", "即办件",
                  "专家评审", "小微企业免收", "审查标准", "支持邮寄送达",
                  "临时建设可以使用多久？", "网上咨询", "2030-12-31"):
        assert shown in page, shown
    assert 'id="el-faq-h">常见问题 <span class="badge changed">' in page
