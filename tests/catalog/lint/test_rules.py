"""The linter's rules, each with cases that must fire and cases that must not (no database)."""

from typing import Any

import pytest

from catalog.lint import Finding, PhraseBook, lint_standard
from catalog.lint.phrases import Phrase
from tests.builders import BASIS, material, standard


def found(doc: dict[str, Any], rule: str, phrases: PhraseBook | None = None) -> list[Finding]:
    return [f for f in lint_standard(doc, phrases) if f.rule == rule]


def paths(doc: dict[str, Any], rule: str, phrases: PhraseBook | None = None) -> list[str]:
    return [f.path for f in found(doc, rule, phrases)]


def with_materials(*names: str) -> dict[str, Any]:
    return standard(materials=[material(n) for n in names])


def test_a_complete_standard_has_no_finding() -> None:
    assert lint_standard(standard()) == []


def test_committed_above_statutory_is_an_error_on_the_committed_limit() -> None:
    [finding] = found(standard(statutory_limit=20, committed_limit=21),
                      "committed-exceeds-statutory")
    assert (finding.severity, finding.path) == ("error", "committed_limit")
    assert "21" in finding.message and "20" in finding.message and "工作日" in finding.message
    assert paths(standard(statutory_limit=20, committed_limit=20),
                 "committed-exceeds-statutory") == []


def test_a_matter_without_legal_basis_is_an_error() -> None:
    [finding] = found(standard(legal_basis=[]), "missing-legal-basis")
    assert (finding.severity, finding.path) == ("error", "legal_basis")
    assert paths(standard(), "missing-legal-basis") == []


def test_a_material_without_legal_basis_is_a_warning() -> None:
    doc = standard(materials=[material("申请表"), material("设计方案", legal_basis=[])])
    [finding] = found(doc, "material-without-legal-basis")
    assert (finding.severity, finding.path) == ("warning", "materials[1].legal_basis")
    assert "设计方案" in finding.message


def test_a_fee_without_legal_basis_is_an_error() -> None:
    fee = {"name": "工本费", "standard": "10元/本", "waivable": False}
    doc = standard(fees=[{**fee, "legal_basis": BASIS}, {**fee, "legal_basis": []}])
    [finding] = found(doc, "fee-without-legal-basis")
    assert (finding.severity, finding.path) == ("error", "fees[1].legal_basis")


@pytest.mark.parametrize("name", ["其他材料", "其他相关材料", "有关部门要求的其他证明",
                                  "资金到位证明等其他材料", "其它 材料"])
def test_catch_all_material_names_are_errors(name: str) -> None:
    [finding] = found(with_materials("申请表", name), "catch-all-clause")
    assert (finding.severity, finding.path) == ("error", "materials[1].name")
    assert name in finding.message


@pytest.mark.parametrize("name", ["其他组织的登记证书", "申请人身份证明", "建设工程设计方案"])
def test_precise_material_names_are_no_catch_all(name: str) -> None:
    assert paths(with_materials(name), "catch-all-clause") == []


def test_catch_all_in_a_condition_points_at_the_condition() -> None:
    contract = standard(conditions=["已取得建设项目批准文件", "提交规划部门等其他部门的意见"])
    assert paths(contract, "catch-all-clause") == ["conditions[1]"]
    stored = standard(conditions=[{"text": "已取得建设项目批准文件", "legal_basis": []},
                                  {"text": "符合有关部门要求的其他条件", "legal_basis": []}])
    assert paths(stored, "catch-all-clause") == ["conditions[1].text"]


@pytest.mark.parametrize("name", ["相关证明", "规划部门出具的相关材料", "营业执照、章程等",
                                  "从业人员健康证明等。", "必要的材料"])
def test_vague_material_names_are_warnings(name: str) -> None:
    [finding] = found(with_materials(name), "vague-clause")
    assert (finding.severity, finding.path) == ("warning", "materials[0].name")


@pytest.mark.parametrize("name", ["职业技能等级证书", "等级评定表", "营业执照、公司章程", "相关方"])
def test_deng_inside_a_word_is_not_vague(name: str) -> None:
    assert paths(with_materials(name), "vague-clause") == []


def test_vague_conditions_and_discretion_benchmarks_are_found() -> None:
    doc = standard(conditions=["原则上应当位于工业园区内"],
                   discretion_benchmarks=[{"circumstance": "材料齐全", "standard": "当场受理"},
                                          {"circumstance": "材料不全", "standard": "视情况补正"}])
    assert paths(doc, "vague-clause") == ["conditions[0]", "discretion_benchmarks[1].standard"]


def test_a_catch_all_clause_is_not_counted_again_as_vague() -> None:
    doc = with_materials("其他相关材料")
    assert paths(doc, "catch-all-clause") == ["materials[0].name"]
    assert paths(doc, "vague-clause") == []


def test_onsite_visits_need_a_reason() -> None:
    def channels(visits: int, reason: str | None) -> dict[str, Any]:
        return standard(channels={"online": True, "online_depth": 3, "onsite_visits": visits,
                                  "onsite_reason": reason})

    [finding] = found(channels(1, None), "onsite-visits-without-reason")
    assert (finding.severity, finding.path) == ("error", "channels.onsite_reason")
    assert paths(channels(2, "  "), "onsite-visits-without-reason") == ["channels.onsite_reason"]
    assert paths(channels(1, "领取纸质证照原件"), "onsite-visits-without-reason") == []
    assert paths(channels(0, None), "onsite-visits-without-reason") == []


def test_steps_adding_up_past_the_committed_limit_are_a_warning() -> None:
    assert paths(standard(committed_limit=5), "steps-exceed-committed") == []  # 1 + 3 + 1
    [finding] = found(standard(committed_limit=4), "steps-exceed-committed")
    assert (finding.severity, finding.path) == ("warning", "steps")
    assert "5 天" in finding.message


def test_the_same_material_twice_is_an_error_on_the_second() -> None:
    [finding] = found(with_materials("申请表", "设计方案", "申请表 "), "duplicate-material")
    assert (finding.severity, finding.path) == ("error", "materials[2].name")
    assert "材料 1" in finding.message
    assert paths(with_materials("申请表", "设计方案"), "duplicate-material") == []


def test_a_department_code_with_a_wrong_check_character_is_an_error() -> None:
    wrong = standard(department={"code": "11430100707230200X", "name": "自然资源和规划局"})
    [finding] = found(wrong, "invalid-department-code")
    assert (finding.severity, finding.path) == ("error", "department.code")
    assert paths(standard(), "invalid-department-code") == []  # 11430100707230200T is valid


def test_online_handling_needs_a_depth() -> None:
    def channels(online: bool, depth: int | None) -> dict[str, Any]:
        return standard(channels={"online": online, "online_depth": depth, "onsite_visits": 0,
                                  "onsite_reason": None})

    [finding] = found(channels(True, None), "online-without-depth")
    assert (finding.severity, finding.path) == ("error", "channels.online_depth")
    assert paths(channels(True, 2), "online-without-depth") == []
    assert paths(channels(False, None), "online-without-depth") == []


def test_the_phrase_lists_decide_what_the_clause_rules_find() -> None:
    doc = with_materials("其他材料", "初步设计文件")
    only_drafts = PhraseBook({"catch-all-clause": [Phrase("初步", "contains")]})
    assert paths(doc, "catch-all-clause", only_drafts) == ["materials[1].name"]
    assert paths(doc, "catch-all-clause", PhraseBook({})) == []


def test_a_published_contract_document_lints_like_its_standard() -> None:
    doc = {**standard(committed_limit=30), "version": 3,
           "published_at": "2026-11-26T08:00:00+00:00",
           "condition_details": [{"text": "其他材料齐全", "legal_basis": []}]}
    findings = lint_standard(doc)
    assert {(f["rule"], f["path"]) for f in findings} == {
        ("committed-exceeds-statutory", "committed_limit"),
        ("catch-all-clause", "conditions[0].text")}
    assert all(set(f.as_dict()) == {"rule", "severity", "path", "message"} for f in findings)
