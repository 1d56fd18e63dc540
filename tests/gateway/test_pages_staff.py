"""The editor's and the review group's pages, over real HTTP against the embedded platform."""

import html
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.live import embedded_platform, signed_in


@pytest.fixture(scope="session")
def platform_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole platform (embedded, SQLite, demo data) on a free port."""
    with embedded_platform(tmp_path_factory.mktemp("staff-pages")) as url:
        yield url




def matter_form(code: str, csrf: str, **changes: Any) -> dict[str, Any]:
    """A complete matter form as the browser posts it."""
    form: dict[str, Any] = {
        "csrf_token": csrf, "implementation_code": code, "basic_code": "XK90000001",
        "name": "临时建设工程规划许可", "matter_type": "01", "exercise_level": "3",
        "window": "planning", "service_objects": ["enterprise", "person"],
        "legal_basis-0-law": "中华人民共和国城乡规划法", "legal_basis-0-article": "第四十四条",
        "legal_basis-0-text": "在城市、镇规划区内进行临时建设的，应当经批准。",
        "conditions": "临时建设不影响近期建设规划\n申请材料齐全、符合法定形式",
        "materials-0-name": "临时建设工程规划许可申请表", "materials-0-required": "on",
        "materials-0-form": "either", "materials-0-originals": "1", "materials-0-copies": "0",
        "materials-0-source": "applicant", "materials-0-notes": "",
        "statutory_limit": "20", "committed_limit": "5", "limit_unit": "working_day",
        "steps-0-name": "受理", "steps-0-actor": "规划建设窗口", "steps-0-limit": "1",
        "channels-online": "on", "channels-online_depth": "4", "channels-onsite_visits": "0",
        "result-name": "临时建设工程规划许可证", "result-type": "证照",
        "effective_from": "2027-01-01",
    }
    return {**form, **changes}


def field_error(html: str, field: str) -> str:
    """The error message shown under one field of the form."""
    found = re.search(rf'<p class="field-error" id="e-{re.escape(field)}">([^<]*)</p>', html)
    return found[1] if found else ""


def test_anonymous_visitors_are_sent_to_sign_in(platform_url: str) -> None:
    answer = httpx.get(f"{platform_url}/editor/matters", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=/editor/matters"


def test_the_editor_sees_the_departments_matters_and_not_others(platform_url: str) -> None:
    editor, _ = signed_in(platform_url, "editor")
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
        platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
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


def test_a_post_without_the_csrf_token_is_refused(platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
    form = matter_form("430103-01-9002", csrf)
    del form["csrf_token"]
    answer = editor.post("/editor/matters/new", data=form)
    assert answer.status_code == 403
    assert "CSRF" in answer.text


def test_a_saved_draft_edited_by_someone_else_meanwhile_is_not_overwritten(
        platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
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


def wait_for_case(client: httpx.Client, code: str) -> dict[str, Any]:
    """The review case opened for `code` once the outbox relay has delivered the submission."""
    for _ in range(50):
        cases = client.get("/api/review/v1/cases").json()
        found = [c for c in cases if c["implementation_code"] == code]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no review case for {code}")


def test_a_reviewer_cannot_open_another_groups_case(platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
    form = matter_form("430103-01-9004", csrf, window="industry", name="产业窗口试点事项")
    assert editor.post("/editor/matters/new", data=form).status_code == 303
    submitted = editor.post("/editor/matters/430103-01-9004/versions/1/submit",
                            data={"csrf_token": csrf})
    assert submitted.status_code == 303
    admin, _ = signed_in(platform_url, "admin")
    case = wait_for_case(admin, "430103-01-9004")
    assert case["group"] == "G2"
    reviewer, _ = signed_in(platform_url, "reviewer")
    answer = reviewer.get(f"/review/cases/{case['id']}")
    assert answer.status_code == 404
    assert "出错了" in answer.text and "产业窗口试点事项" not in answer.text
    assert "产业窗口试点事项" not in reviewer.get("/review/cases").text


# --- the standard linter in the editor's pages ---------------------------------------------

def findings_beside(page: str, field: str) -> list[str]:
    """The findings shown beside one field (or row) of the form: 'severity: message'."""
    block = re.search(rf'<ul class="findings" id="l-{re.escape(field)}">(.*?)</ul>', page, re.S)
    items = re.findall(r'<li class="finding (\w+)"><span class="tag">[^<]*</span>\s*([^<]*)</li>',
                       block[1] if block else "")
    return [f"{severity}: {html.unescape(message).strip()}" for severity, message in items]


def test_a_draft_with_findings_is_saved_and_shown_with_each_finding_beside_its_field(
        platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
    form = matter_form("430103-01-9101", csrf, statutory_limit="20", committed_limit="25",
                       conditions="申请人符合规定条件\n原则上位于园区内",
                       **{"materials-1-name": "其他相关材料", "materials-1-form": "either",
                          "materials-1-originals": "1", "materials-1-copies": "0",
                          "materials-1-source": "applicant", "materials-1-required": "on"})
    saved = editor.post("/editor/matters/new", data=form)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/editor/matters/430103-01-9101/versions/1/edit?saved=1"
    page = editor.get(saved.headers["location"]).text
    assert "草稿已保存" in page and "2 个错误，1 个提醒" in page
    assert findings_beside(page, "committed_limit") == [
        "error: 承诺办结时限（25 个工作日）超过法定办结时限（20 个工作日），"
        "承诺时限不得长于法定时限。"]
    [catch_all] = findings_beside(page, "materials-1-name")
    assert catch_all.startswith("error: “其他相关材料”是兜底表述")
    [vague] = findings_beside(page, "conditions")
    assert vague.startswith("warning: 第 2 条：“原则上位于园区内”含模糊表述“原则上”")
    assert 'aria-describedby="h-committed_limit e-committed_limit' not in page
    assert 'aria-describedby="h-committed_limit l-committed_limit"' in page
    assert findings_beside(page, "materials-0-name") == []


def test_submitting_with_an_error_is_refused_with_the_findings_and_accepted_once_fixed(
        platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
    code = "430103-01-9102"
    editor.post("/editor/matters/new", data=matter_form(code, csrf, committed_limit="30"))
    versions = editor.get(f"/editor/matters/{code}").text
    assert "规范检查：</strong>1 个错误，0 个提醒" in versions
    refused = editor.post(f"/editor/matters/{code}/versions/1/submit",
                          data={"csrf_token": csrf}, headers={"HX-Request": "true"})
    assert refused.status_code == 422
    assert "还有 1 个错误，暂不能提交审核" in refused.text
    assert "承诺办结时限（30 个工作日）超过法定办结时限" in refused.text
    assert '<span class="badge draft">草稿</span>' in refused.text
    form_page = editor.get(f"/editor/matters/{code}/versions/1/edit").text
    etag = html.unescape(re.search(r'name="etag" value="([^"]+)"', form_page)[1])  # type: ignore[index]
    fixed = editor.post(f"/editor/matters/{code}/versions/1/edit",
                        data=matter_form(code, csrf, etag=etag, committed_limit="5"))
    assert fixed.headers["location"] == f"/editor/matters/{code}"  # clean: back to the versions
    assert "规范检查：</strong>未发现问题" in editor.get(fixed.headers["location"]).text
    submitted = editor.post(f"/editor/matters/{code}/versions/1/submit",
                            data={"csrf_token": csrf})
    assert submitted.status_code == 303
    state = editor.get(f"/api/catalog/v1/matters/{code}").json()["versions"][0]["state"]
    assert state in ("submitted", "in_review")  # the review may already have opened a case


def test_the_administrator_edits_the_phrase_lists_and_the_next_check_uses_them(
        platform_url: str) -> None:
    admin, csrf = signed_in(platform_url, "admin")
    page = admin.get("/admin/lint-phrases").text
    assert "兜底条款和模糊条款词表" in page and "其他相关材料" in page
    catch_all = re.search(r'id="catch-all-clause-contains"[^>]*>([^<]*)</textarea>', page)
    original = html.unescape(catch_all[1]) if catch_all else ""
    probe = {"name": "初步设计文件", "required": True, "form": "either", "originals": 1,
             "copies": 0, "source": "applicant", "legal_basis": [], "notes": None}
    try:
        refused = admin.post("/admin/lint-phrases/catch-all-clause",
                             data={"csrf_token": csrf, "contains": original + "\n等"},
                             headers={"HX-Request": "true"})
        assert refused.status_code == 422 and "“等”：单个字只能放在“结尾”词表中" in refused.text
        saved = admin.post("/admin/lint-phrases/catch-all-clause",
                           data={"csrf_token": csrf, "contains": original + "\n初步设计"})
        assert saved.status_code == 303
        assert "词表已保存，共" in admin.get(saved.headers["location"]).text
        lint = admin.post("/api/catalog/v1/lint", headers={"X-CSRF-Token": csrf},
                          json=dry_run_document(probe))
        assert [f["rule"] for f in lint.json()["findings"]
                if f["path"] == "materials[0].name"] == ["catch-all-clause"]
    finally:
        admin.post("/admin/lint-phrases/catch-all-clause",
                   data={"csrf_token": csrf, "contains": original})
    editor, _ = signed_in(platform_url, "editor")
    assert editor.get("/admin/lint-phrases").status_code == 403


def dry_run_document(material: dict[str, Any]) -> dict[str, Any]:
    """A contract-shaped document with one material, for the dry run."""
    basis = [{"law": "中华人民共和国城乡规划法", "article": "第四十四条",
              "text": "临时建设应当经批准。"}]
    return {"implementation_code": "430103-01-9103", "basic_code": "XK90000003",
            "name": "临时建设工程规划许可", "matter_type": "01", "exercise_level": "3",
            "department": {"code": "11430100707230200T", "name": "自然资源和规划局"},
            "window": "planning", "service_objects": ["enterprise"], "legal_basis": basis,
            "conditions": ["临时建设不影响近期建设规划"], "materials": [material],
            "statutory_limit": 20, "committed_limit": 5, "limit_unit": "working_day",
            "fees": [], "steps": [{"name": "受理", "actor": "规划建设窗口", "limit": 1}],
            "discretion_benchmarks": [],
            "channels": {"online": True, "online_depth": 4, "onsite_visits": 0,
                         "onsite_reason": None},
            "result": {"name": "临时建设工程规划许可证", "type": "证照"},
            "effective_from": "2027-01-01"}


def test_the_province_dry_runs_a_document_through_the_gateway_with_its_api_key(
        platform_url: str) -> None:
    admin, csrf = signed_in(platform_url, "admin")
    issued = admin.post("/api/admin/api-keys", headers={"X-CSRF-Token": csrf},
                        json={"name": "省事项目录管理系统（检查）", "roles": ["provincial_system"]})
    assert issued.status_code == 201, issued.text
    province = {"Authorization": f"Bearer {issued.json()['key']}"}
    document = {**dry_run_document({"name": "其他材料", "required": True, "form": "paper",
                                    "originals": 1, "copies": 0, "source": "applicant",
                                    "legal_basis": [], "notes": None}),
                "statutory_limit": 3, "committed_limit": 5}
    answer = httpx.post(f"{platform_url}/api/catalog/v1/lint", json=document, headers=province)
    assert answer.status_code == 200, answer.text
    assert sorted((f["rule"], f["severity"]) for f in answer.json()["findings"]) == [
        ("catch-all-clause", "error"), ("committed-exceeds-statutory", "error"),
        ("material-without-legal-basis", "warning")]
    applicant, csrf = signed_in(platform_url, "applicant")
    assert applicant.post("/api/catalog/v1/lint", json=document,
                          headers={"X-CSRF-Token": csrf}).status_code == 403
