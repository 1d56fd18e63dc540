"""The export: the catalog's matters in the template, which imports back unchanged."""

from io import BytesIO
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.builders import BASIS, EDITOR, publish_new, seed_reference_data, standard
from tests.catalog.excel.workbooks import EXCEL, MATTERS, XLSX, imported
from tests.conftest import token, truncate_all


def rich_standard(code: str, **changes: Any) -> dict[str, Any]:
    """A standard using every element the template carries."""
    other = {"law": "湖南省城乡规划条例", "article": "第三十条", "clause": "第二款",
             "text": "申请人应当提交建设工程设计方案。", "effective_date": "2021-03-01"}
    doc = standard(code, **changes)
    doc["materials"].append({
        "name": "建设工程设计方案", "required": False, "form": "paper", "originals": 0,
        "copies": 2, "source": "other", "legal_basis": [BASIS[0], other], "notes": "A3 图幅",
        "issuing_body": "设计单位", "blank_form": "方案模板.docx", "sample": "示例.pdf",
        "fill_notes": "加盖公章", "acceptance_standard": "图纸齐全", "order": 2})
    doc.update({
        "handling_item_code": f"{code}-001", "limit_explanation": "不含公示时间",
        "case_class": "promised", "conditions": [{"text": "已取得批准文件", "legal_basis": BASIS},
                                                 "申请材料齐全"],
        "special_procedures": [{"name": "专家评审", "limit": 10, "legal_basis": [other]}],
        "extension": {"allowed": True, "max_days": 10, "legal_basis": BASIS},
        "fees": [{"name": "工本费", "standard": "每证 5 元", "legal_basis": BASIS,
                  "waivable": True, "waiver": "小微企业免收"}],
        "discretion_benchmarks": [{"circumstance": "材料齐全", "standard": "当场受理"}],
        "faq": [{"question": "能否网上办理？", "answer": "可以，全程网办。"}],
        "co_handling_departments": [{"code": "11430100707230300G", "name": "住房和城乡建设局",
                                     "step": "施工图审查", "limit": 3}],
        "consultation": {"phone": "0731-85000000", "address": "服务大厅 3 号窗口",
                         "online": None},
        "complaint": {"phone": "12345", "address": None, "online": "https://example.org"},
        "channels": {"online": True, "online_depth": 3, "onsite_visits": 1,
                     "onsite_reason": "领取证照原件", "appointment": True,
                     "delivery_by_post": True},
        "cancel_date": "2030-12-31", "derived_from": "XK00009001",
        "service_objects": ["enterprise", "public_institution"],
    })
    return doc


def stored(client: TestClient, code: str, version: int) -> dict[str, Any]:
    return client.get(f"{MATTERS}/{code}/versions/{version}", headers=EDITOR).json()["standard"]


def test_export_then_import_reproduces_the_same_standards(client: TestClient, db_url: str) -> None:
    publish_new(client, "430103-01-9201")
    assert client.post(MATTERS, json=rich_standard("430103-01-9202"),
                       headers=EDITOR).status_code == 201
    code = "430103-01-9201"
    assert client.post(f"{MATTERS}/{code}/versions", headers=EDITOR).status_code == 201
    originals = {"430103-01-9201": stored(client, code, 2),
                 "430103-01-9202": stored(client, "430103-01-9202", 1)}
    export = client.get(f"{EXCEL}/export", headers=EDITOR)
    assert export.status_code == 200 and export.headers["content-type"] == XLSX
    assert quote("自然资源和规划局") in export.headers["content-disposition"]

    # Into the same catalog: nothing to change.
    again = imported(client, export.content)
    assert again["state"] == "succeeded", again["errors"]
    assert {m["implementation_code"] for m in again["result"]["unchanged"]} == set(originals)
    assert not again["result"]["created"] and not again["result"]["updated"]

    # Into an empty catalog: the same standards, as new drafts.
    truncate_all(db_url)
    seed_reference_data(db_url)
    fresh = imported(client, export.content)
    assert fresh["state"] == "succeeded", fresh["errors"]
    for code, original in originals.items():
        assert stored(client, code, 1) == original


def test_export_of_published_versions_and_department_scope(client: TestClient) -> None:
    publish_new(client, "430103-01-9301", committed_limit=5)
    client.post(f"{MATTERS}/430103-01-9301/versions", headers=EDITOR)
    draft = client.get(f"{MATTERS}/430103-01-9301/versions/2", headers=EDITOR)
    client.put(f"{MATTERS}/430103-01-9301/versions/2",
               json={**draft.json()["standard"], "committed_limit": 3},
               headers={**EDITOR, "If-Match": draft.headers["etag"]})

    def committed(which: str, who: dict[str, str]) -> list[Any]:
        response = client.get(f"{EXCEL}/export", params={"which": which}, headers=who)
        sheet = load_workbook(BytesIO(response.content))["事项"]
        column = [c.value for c in sheet[1]].index("承诺办结时限*")
        return [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert committed("latest", EDITOR) == [3]
    assert committed("current", EDITOR) == [5]
    other = token("editor", sub="editor2", department="114301007072304006")
    assert committed("latest", other) == []
    assert client.get(f"{EXCEL}/export", params={"which": "all"},
                      headers=EDITOR).status_code == 422
