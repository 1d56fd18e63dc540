"""The linter's phrase lists (administrators) and a dry run by the province's API key."""

import html
import re
from typing import Any

import httpx

from tests.live import signed_in


def test_the_administrator_edits_the_phrase_lists_and_the_next_check_uses_them(
        work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
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
    editor, _ = signed_in(work_url, "editor")
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
        work_url: str) -> None:
    admin, csrf = signed_in(work_url, "security")
    issued = admin.post("/api/admin/api-keys", headers={"X-CSRF-Token": csrf},
                        json={"name": "省事项目录管理系统（检查）", "roles": ["provincial_system"]})
    assert issued.status_code == 201, issued.text
    province = {"Authorization": f"Bearer {issued.json()['key']}"}
    document = {**dry_run_document({"name": "其他材料", "required": True, "form": "paper",
                                    "originals": 1, "copies": 0, "source": "applicant",
                                    "legal_basis": [], "notes": None}),
                "statutory_limit": 3, "committed_limit": 5}
    answer = httpx.post(f"{work_url}/api/catalog/v1/lint", json=document, headers=province)
    assert answer.status_code == 200, answer.text
    assert sorted((f["rule"], f["severity"]) for f in answer.json()["findings"]) == [
        ("catch-all-clause", "error"), ("committed-exceeds-statutory", "error"),
        ("material-without-legal-basis", "warning")]
    applicant, csrf = signed_in(work_url, "applicant")
    assert applicant.post("/api/catalog/v1/lint", json=document,
                          headers={"X-CSRF-Token": csrf}).status_code == 403
