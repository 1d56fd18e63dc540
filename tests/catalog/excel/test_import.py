"""Importing a filled workbook: drafts with every element, or every problem on its cell."""

from fastapi.testclient import TestClient

from tests.builders import EDITOR, publish_new
from tests.catalog.excel.workbooks import (
    MATTERS,
    clerk_matter,
    filled,
    imported,
    merged,
    template,
    version_count,
)


def test_a_filled_workbook_becomes_drafts_with_every_element(client: TestClient) -> None:
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


def test_errors_in_two_cells_are_both_reported_and_nothing_changes(client: TestClient) -> None:
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


def test_validation_and_catalog_refusals_point_at_their_cells(client: TestClient) -> None:
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


def test_another_departments_matter_is_refused_on_its_cell(client: TestClient) -> None:
    rows = clerk_matter("430103-01-9106", "食品经营许可", {
        ("事项", 0, "实施主体统一社会信用代码"): "114301007072304006",
        ("事项", 0, "实施主体名称"): "市场监督管理局"})
    job = imported(client, filled(template(client), rows))
    assert job["state"] == "failed"
    assert [(e["sheet"], e["row"], e["header"], e["message"]) for e in job["errors"]] == [
        ("事项", 2, "实施主体统一社会信用代码", "只能导入本部门的事项")]
