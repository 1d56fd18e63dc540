"""The linter's rules: each a small function over a standard, yielding (path, message).

A standard here is the dict of a stored `MatterStandard` or a contract document after
`from_document`; rules read it defensively, since a rule must never fail on a document.
"""

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from stdnum.cn import uscc

from catalog.layout.lookup import choice_labels
from catalog.lint.clauses import clause_texts, find
from catalog.lint.patterns import CATCH_ALL, VAGUE
from catalog.lint.phrases import PhraseBook, normalized

Hit = tuple[str, str]  # (path, message)
Standard = dict[str, Any]
UNITS = {unit: f"个{label}" for unit, label in choice_labels("limit_unit").items()}


@dataclass(frozen=True)
class Rule:
    """A rule's stable code, its severity, its Chinese title and its check."""

    code: str
    severity: str  # error | warning
    title: str
    check: Callable[[Standard, PhraseBook], Iterator[Hit]]


def _rows(standard: Standard, key: str) -> list[tuple[int, dict[str, Any]]]:
    value = standard.get(key)
    return [(i, r) for i, r in enumerate(value) if isinstance(r, dict)] \
        if isinstance(value, list) else []


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _unit(standard: Standard) -> str:
    return UNITS.get(str(standard.get("limit_unit")), "天")


def committed_exceeds_statutory(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """The committed limit (承诺时限) may not be longer than the statutory one (法定时限)."""
    statutory = _count(standard.get("statutory_limit"))
    committed = _count(standard.get("committed_limit"))
    if statutory is not None and committed is not None and committed > statutory:
        unit = _unit(standard)
        yield "committed_limit", (f"承诺办结时限（{committed} {unit}）超过法定办结时限"
                                  f"（{statutory} {unit}），承诺时限不得长于法定时限。")


def missing_legal_basis(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """A matter exists only by law: it needs at least one legal basis (设定依据)."""
    if not standard.get("legal_basis"):
        yield "legal_basis", "事项没有设定依据：请至少填写一条法律、法规或规章及其条款。"


def material_without_legal_basis(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """Each material should cite the provision that asks for it."""
    for i, material in _rows(standard, "materials"):
        if not material.get("legal_basis"):
            yield (f"materials[{i}].legal_basis",
                   f"材料“{material.get('name', '')}”没有设定依据：请注明要求提交该材料的条款。")


def fee_without_legal_basis(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """No fee without a legal basis (无依据不得收费)."""
    for i, fee in _rows(standard, "fees"):
        if not fee.get("legal_basis"):
            yield (f"fees[{i}].legal_basis",
                   f"收费项目“{fee.get('name', '')}”没有收费依据：没有依据的不得收费。")


def _quoted(text: str, wording: str, kind: str) -> str:
    if normalized(text) == wording:
        return f"“{text}”是{kind}表述"
    return f"“{_excerpt(text, wording)}”含{kind}表述“{wording}”"


def _excerpt(text: str, wording: str, room: int = 24) -> str:
    """A long text cut to the words around the clause."""
    if len(text) <= 2 * room + len(wording):
        return text
    at = max(normalized(text).find(wording), 0)  # close enough: normalizing drops spaces
    start, end = max(at - room, 0), min(at + len(wording) + room, len(text))
    return f"{'…' if start else ''}{text[start:end]}{'…' if end < len(text) else ''}"


def catch_all_clause(standard: Standard, phrases: PhraseBook) -> Iterator[Hit]:
    """兜底条款 such as 其他材料 or 有关部门要求的 in any free text of the standard."""
    for path, text in clause_texts(standard):
        if found := find(phrases, CATCH_ALL, text):
            yield path, f"{_quoted(text, found.wording, '兜底')}：请逐项写明具体的材料或条件。"


def vague_clause(standard: Standard, phrases: PhraseBook) -> Iterator[Hit]:
    """模糊条款 such as 相关证明, 视情况 or a list ending in 等, in any free text (a catch-all
    is reported once, as such)."""
    for path, text in clause_texts(standard):
        if find(phrases, CATCH_ALL, text) or not (found := find(phrases, VAGUE, text)):
            continue
        if found.at_end:
            yield path, (f"“{_excerpt(text, found.wording)}”以“{found.wording}”结尾："
                         "请列全所有项目，不要概括。")
        else:
            yield path, f"{_quoted(text, found.wording, '模糊')}：请写明具体名称、出具单位或情形。"


def onsite_visits_without_reason(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """Every visit to the hall must be justified."""
    channels = standard.get("channels") or {}
    visits = _count(channels.get("onsite_visits"))
    if visits and not str(channels.get("onsite_reason") or "").strip():
        yield "channels.onsite_reason", (f"需到现场 {visits} 次，但没有说明原因：请写明必须到现场"
                                         "的原因，否则应改为 0 次。")


def steps_exceed_committed(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """The steps' limits should fit in the committed limit."""
    committed = _count(standard.get("committed_limit"))
    total = sum(_count(step.get("limit")) or 0 for _, step in _rows(standard, "steps"))
    if committed is not None and total > committed:
        yield "steps", (f"各环节时限合计 {total} 天，超过承诺办结时限 {committed} "
                        f"{_unit(standard)}：请压缩环节时限或核实承诺时限。")


def duplicate_material(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """A material is listed once."""
    first: dict[str, int] = {}
    for i, material in _rows(standard, "materials"):
        name = str(material.get("name") or "")
        key = "".join(unicodedata.normalize("NFKC", name).split())
        if key and key in first:
            yield (f"materials[{i}].name",
                   f"材料“{name}”与材料 {first[key] + 1} 重复：同一材料只列一次。")
        first.setdefault(key, i)


def invalid_department_code(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """The implementing body's unified social credit code must pass its check character."""
    bodies = [("department", standard.get("department"))]
    bodies += [(f"co_handling_departments[{i}]", d)
               for i, d in _rows(standard, "co_handling_departments")]
    for path, body in bodies:
        code = body.get("code") if isinstance(body, dict) else None
        if not (isinstance(code, str) and uscc.is_valid(code)):
            yield f"{path}.code", f"统一社会信用代码“{code or ''}”无效：校验位不正确，请核对。"


def online_without_depth(standard: Standard, _: PhraseBook) -> Iterator[Hit]:
    """A matter handled online says how deep (网办深度 1–4)."""
    channels = standard.get("channels") or {}
    if channels.get("online") is True and channels.get("online_depth") is None:
        yield "channels.online_depth", "已勾选可网上办理，但没有填写网办深度（一级至四级）。"


RULES = [
    Rule("committed-exceeds-statutory", "error", "承诺时限超过法定时限",
         committed_exceeds_statutory),
    Rule("missing-legal-basis", "error", "事项缺少设定依据", missing_legal_basis),
    Rule("material-without-legal-basis", "warning", "材料缺少设定依据",
         material_without_legal_basis),
    Rule("fee-without-legal-basis", "error", "收费缺少依据", fee_without_legal_basis),
    Rule("catch-all-clause", "error", "兜底条款", catch_all_clause),
    Rule("vague-clause", "warning", "模糊条款", vague_clause),
    Rule("onsite-visits-without-reason", "error", "到现场未说明原因",
         onsite_visits_without_reason),
    Rule("steps-exceed-committed", "warning", "环节时限超过承诺时限", steps_exceed_committed),
    Rule("duplicate-material", "error", "材料重复", duplicate_material),
    Rule("invalid-department-code", "error", "统一社会信用代码无效", invalid_department_code),
    Rule("online-without-depth", "error", "网办缺少深度", online_without_depth),
]
