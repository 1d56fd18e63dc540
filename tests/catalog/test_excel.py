"""Compile by Excel: the template a department downloads, fills and uploads, and the export."""

import time
from io import BytesIO
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.catalog.factory import (
    BASIS,
    EDITOR,
    PLANNING,
    catalog_client,
    publish_new,
    seed_reference_data,
    standard,
)
from tests.conftest import token, truncate_all

EXCEL = "/api/catalog/v1/excel"
MATTERS = "/api/catalog/v1/matters"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = ["填写说明", "事项", "设定依据", "受理条件", "申请材料", "收费", "办理流程", "裁量基准",
          "特别程序", "常见问题", "联办部门", "代码表"]


# --- a clerk's hand: fill the downloaded template by header names -------------------------

def clerk_matter(code: str, name: str, changes: dict[tuple[str, int, str], Any] | None = None,
                 ) -> dict[str, list[dict[str, Any]]]:
    """One matter as a clerk types it into the template, sheet by sheet; `changes` sets
    (sheet, row of this matter on that sheet, header) to another value."""
    rows: dict[str, list[dict[str, Any]]] = {
        "事项": [{"实施编码": code, "基本编码": "XK00009100", "事项名称": name,
                "事项类型": "01 行政许可", "行使层级": "3 市级",
                "实施主体统一社会信用代码": PLANNING, "实施主体名称": "自然资源和规划局",
                "办理窗口": "规划建设窗口", "服务对象": "企业法人、自然人", "法定办结时限": 20,
                "承诺办结时限": 5, "时限单位": "工作日", "网上办理": "是", "网办深度": "4 四级",
                "到现场次数": 0, "审批结果名称": f"{name}决定书", "审批结果类型": "批文",
                "生效日期": "2027-01-01", "咨询电话": "0731-85000000"}],
        "设定依据": [{"实施编码": code, "依据序号": 1, "法律法规名称": "中华人民共和国城乡规划法",
                  "条": "第四十条", "条文内容": BASIS[0]["text"], "作为事项设定依据": "是"},
                 {"实施编码": code, "依据序号": 2, "法律法规名称": "湖南省城乡规划条例",
                  "条": "第三十条", "款项": "第二款",
                  "条文内容": "申请人应当提交建设工程设计方案。", "施行日期": "2021-03-01",
                  "作为事项设定依据": "否"}],
        "受理条件": [{"实施编码": code, "条件内容": "已取得建设项目批准文件", "设定依据序号": "1"}],
        "申请材料": [{"实施编码": code, "材料名称": f"{name}申请表", "是否必需": "是",
                  "材料形式": "纸质或电子", "原件份数": 1, "复印件份数": 0,
                  "材料来源": "申请人自备", "设定依据序号": "1"},
                 {"实施编码": code, "材料名称": "建设工程设计方案", "是否必需": "是",
                  "材料形式": "电子", "原件份数": 1, "复印件份数": 0, "材料来源": "申请人自备",
                  "出具单位": "设计单位", "设定依据序号": "1、2"}],
        "收费": [{"实施编码": code, "收费项目名称": "工本费", "收费标准": "不收费",
                "是否可减免": "是", "设定依据序号": 1}],
        "办理流程": [{"实施编码": code, "环节名称": "受理", "办理人员": "规划建设窗口",
                  "环节时限": 1},
                 {"实施编码": code, "环节名称": "审查", "办理人员": "规划科", "环节时限": 3},
                 {"实施编码": code, "环节名称": "决定", "办理人员": "分管局领导", "环节时限": 1}],
        "裁量基准": [{"实施编码": code, "适用情形": "材料齐全、符合法定形式",
                  "裁量标准": "当场受理"}],
    }
    for (sheet, index, header), value in (changes or {}).items():
        rows[sheet][index][header] = value
    return rows


def merged(*matters: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for matter in matters:
        for sheet, rows in matter.items():
            out.setdefault(sheet, []).extend(rows)
    return out


def filled(template: bytes, rows: dict[str, list[dict[str, Any]]]) -> bytes:
    """The template with `rows` appended under the matching headers of each sheet."""
    book = load_workbook(BytesIO(template))
    for sheet, entries in rows.items():
        ws = book[sheet]
        headers = [str(c.value).rstrip("*") for c in ws[1]]
        for entry in entries:
            assert set(entry) <= set(headers), set(entry) - set(headers)
            ws.append([entry.get(h) for h in headers])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def template(client: TestClient, headers: dict[str, str] = EDITOR) -> bytes:
    response = client.get(f"{EXCEL}/template", headers=headers)
    assert response.status_code == 200, response.text
    return response.content


def upload(client: TestClient, content: bytes, name: str = "规划局事项.xlsx",
           headers: dict[str, str] = EDITOR) -> Any:
    return client.post(f"{EXCEL}/imports", files={"file": (name, content, XLSX)},
                       headers=headers)


def finished(client: TestClient, job_id: int, headers: dict[str, str] = EDITOR,
             seconds: float = 60) -> dict[str, Any]:
    """Poll the job until it succeeded or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"{EXCEL}/imports/{job_id}", headers=headers).json()
        if job["state"] in ("succeeded", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"import {job_id} did not finish: {job}")


def imported(client: TestClient, content: bytes, **kwargs: Any) -> dict[str, Any]:
    response = upload(client, content, **kwargs)
    assert response.status_code == 202, response.text
    return finished(client, response.json()["id"])


def version_count(client: TestClient) -> int:
    matters = client.get(MATTERS, headers=EDITOR, params={"size": 200}).json()["items"]
    return sum(m["latest_version"] for m in matters)


# --- tests -------------------------------------------------------------------------------

def test_template_download_is_an_xlsx_with_every_sheet_header_note_and_list(db_url: str) -> None:
    with catalog_client(db_url) as client:
        response = client.get(f"{EXCEL}/template", headers=EDITOR)
        assert response.status_code == 200
        assert response.headers["content-type"] == XLSX
        disposition = response.headers["content-disposition"]
        assert disposition.startswith("attachment;")
        assert f"filename*=UTF-8''{quote('事项标准导入模板.xlsx')}" in disposition
        book = load_workbook(BytesIO(response.content))
        assert book.sheetnames == SHEETS
        matter = book["事项"]
        headers = [c.value for c in matter[1]]
        assert headers[:5] == ["实施编码*", "基本编码*", "业务办理项编码", "事项名称*", "事项类型*"]
        assert "承诺办结时限*" in headers and "生效日期*" in headers
        note = matter.cell(1, headers.index("承诺办结时限*") + 1).comment.text
        assert "不得超过法定办结时限" in note
        assert [c.value for c in book["申请材料"][1]][:3] == ["实施编码*", "材料名称*", "是否必需*"]
        lists = {str(dv.sqref): dv.formula1 for dv in matter.data_validations.dataValidation}
        type_column = chr(ord("A") + headers.index("事项类型*"))
        assert any(ref.startswith(f"{type_column}2:") and "代码表" in formula
                   for ref, formula in lists.items())
        codes = book["代码表"]
        column = [c.value for c in codes[1]].index("办理窗口") + 1
        assert "规划建设窗口" in [codes.cell(r, column).value for r in range(2, 8)]
        # An editor's template offers only the editor's own department.
        column = [c.value for c in codes[1]].index("实施主体统一社会信用代码") + 1
        assert [codes.cell(r, column).value for r in (2, 3)] == [PLANNING, None]


def test_a_filled_workbook_becomes_drafts_with_every_element(db_url: str) -> None:
    with catalog_client(db_url) as client:
        rows = merged(clerk_matter("430103-01-9101", "建设工程设计方案审查"),
                      clerk_matter("430103-01-9102", "临时建设工程规划许可"))
        job = imported(client, filled(template(client), rows))
        assert job["state"] == "succeeded", job["errors"]
        created = [m["implementation_code"] for m in job["result"]["created"]]
        assert created == ["430103-01-9101", "430103-01-9102"]
        assert job["percent"] == 100 and job["done"] == job["total"] == 2
        draft = client.get(f"{MATTERS}/430103-01-9101/versions/1", headers=EDITOR).json()
        assert draft["state"] == "draft"
        std = draft["standard"]
        assert std["matter_type"] == "01" and std["window"] == "planning"
        assert std["service_objects"] == ["enterprise", "person"]
        assert std["channels"]["online_depth"] == 4 and std["effective_from"] == "2027-01-01"
        assert [b["law"] for b in std["legal_basis"]] == ["中华人民共和国城乡规划法"]
        design = std["materials"][1]
        assert design["form"] == "electronic" and design["issuing_body"] == "设计单位"
        assert [(b["law"], b["clause"]) for b in design["legal_basis"]] == [
            ("中华人民共和国城乡规划法", None), ("湖南省城乡规划条例", "第二款")]
        assert design["legal_basis"][1]["effective_date"] == "2021-03-01"
        assert std["fees"][0]["legal_basis"][0]["article"] == "第四十条"
        assert std["conditions"][0]["legal_basis"][0]["article"] == "第四十条"
        assert [s["name"] for s in std["steps"]] == ["受理", "审查", "决定"]
        assert std["consultation"]["phone"] == "0731-85000000"


def test_errors_in_two_cells_are_both_reported_and_nothing_changes(db_url: str) -> None:
    with catalog_client(db_url) as client:
        publish_new(client, "430103-01-9001")
        before = version_count(client)
        rows = merged(
            clerk_matter("430103-01-9001", "临时建设工程规划许可证核发",
                         {("申请材料", 1, "材料形式"): "快递"}),
            clerk_matter("430103-01-9103", "建设工程规划核实",
                         {("事项", 0, "承诺办结时限"): "五天"}))
        job = imported(client, filled(template(client), rows))
        assert job["state"] == "failed"
        found = {(e["sheet"], e["row"], e["column"], e["header"]) for e in job["errors"]}
        assert found == {("申请材料", 3, "D", "材料形式"), ("事项", 3, "L", "承诺办结时限")}
        assert job["error_count"] == 2
        assert all(e["message"] for e in job["errors"])
        assert "五天" in next(e["message"] for e in job["errors"] if e["sheet"] == "事项")
        assert version_count(client) == before
        assert client.get(f"{MATTERS}/430103-01-9103", headers=EDITOR).status_code == 404


def test_validation_and_catalog_refusals_point_at_their_cells(db_url: str) -> None:
    with catalog_client(db_url) as client:
        rows = merged(
            clerk_matter("430103-01-9104", "建设工程规划许可", {
                ("申请材料", 0, "材料名称"): None,  # required, left blank
                ("办理流程", 2, "环节时限"): -1,
                ("申请材料", 1, "设定依据序号"): "1、3"}),  # there is no basis 3
            clerk_matter("430103-01-9105", "规划条件核实", {
                ("事项", 0, "办理窗口"): "公安窗口",
                ("事项", 0, "实施主体统一社会信用代码"): "114301007072304006"}))
        rows["办理流程"] = [r for r in rows["办理流程"] if r["实施编码"] != "430103-01-9105"]
        job = imported(client, filled(template(client), rows))
        assert job["state"] == "failed"
        problems = {(e["sheet"], e["row"], e["header"]): e["message"] for e in job["errors"]}
        assert problems[("申请材料", 2, "材料名称")] == "必填，不能为空"
        assert problems[("办理流程", 4, "环节时限")] == "不能小于 0"
        assert "依据序号 3" in problems[("申请材料", 3, "设定依据序号")]
        assert "公安窗口" in problems[("事项", 3, "办理窗口")]
        assert "办理流程" in problems[("事项", 3, "实施编码")]  # no step at all for 9105
        assert client.get(MATTERS, headers=EDITOR).json()["total"] == 0


def test_another_departments_matter_is_refused_on_its_cell(db_url: str) -> None:
    with catalog_client(db_url) as client:
        rows = clerk_matter("430103-01-9106", "食品经营许可", {
            ("事项", 0, "实施主体统一社会信用代码"): "114301007072304006",
            ("事项", 0, "实施主体名称"): "市场监督管理局"})
        job = imported(client, filled(template(client), rows))
        assert job["state"] == "failed"
        assert [(e["sheet"], e["row"], e["header"], e["message"]) for e in job["errors"]] == [
            ("事项", 2, "实施主体统一社会信用代码", "只能导入本部门的事项")]


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
        "co_handling_departments": [{"code": "11430100707230300G", "name": "住房和城乡建设局"}],
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


def test_export_then_import_reproduces_the_same_standards(db_url: str) -> None:
    with catalog_client(db_url) as client:
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


def test_export_of_published_versions_and_department_scope(db_url: str) -> None:
    with catalog_client(db_url) as client:
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
