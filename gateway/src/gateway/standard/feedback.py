"""Errors and the linter's findings placed on the matter form's fields, with their labels."""

import re
from typing import Any

from gateway import labels
from gateway.i18n import N_, NP_
from gateway.standard.form import CONTACT_FIELDS, CONTACTS, ROWS

# Pydantic's messages (as the catalog returns them) and the readable text for each.
MESSAGES = [("Field required", N_("请填写此项。")), ("at least 1 character", N_("请填写此项。")),
            ("at least 1 item", N_("至少需要填写一行。")), ("valid integer", N_("请填写整数。")),
            ("greater than or equal to 0", N_("不能小于 0。")),
            ("less than or equal to 4", N_("请从选项中选择。")),
            ("greater than or equal to 1", N_("请从选项中选择。")),
            ("committed_limit", N_("承诺办结时限不能超过法定办结时限。")),
            ("valid date", N_("请填写有效日期（年-月-日）。")),
            ("at most", N_("内容过长。")), ("at least 18 characters", N_("请从选项中选择。")),
            ("unknown", N_("请从选项中选择。")),
            ("not your department", N_("只能为本部门编制事项。")),
            ("Input should be", N_("请从选项中选择。"))]


def field_errors(problem: dict[str, Any], numbers: dict[str, list[int]], _: Any) -> dict[str, str]:
    """The catalog's `errors[].loc` mapped to form field names, with readable messages."""
    found: dict[str, str] = {}
    for error in problem.get("errors") or []:
        loc = [str(x) for x in error.get("loc", [])][1:]  # drop "body"
        msg = str(error.get("msg", ""))
        if loc and loc[0] in numbers and len(loc) > 1 and loc[1].isdigit():
            kept = numbers[loc[0]]
            loc[1] = str(kept[int(loc[1])] if int(loc[1]) < len(kept) else loc[1])
        if len(loc) > 2 and loc[0] in numbers and loc[2] == "legal_basis":
            loc = [*loc[:2], "basis"]  # the number list that cites the provisions
        elif loc[:2] == ["extension", "legal_basis"]:
            loc = ["extension", "basis"]
        if not loc and "committed_limit" in msg:
            loc = ["committed_limit"]
        key = "-".join(loc).replace("department-name", "department-code") or "form"
        found.setdefault(key, next((_(k) for part, k in MESSAGES if part in msg), msg))
    return found


# Labels of the form's fields for the error summary; row fields are keyed "group.field".
LABELS = {"implementation_code": N_("实施编码"), "basic_code": N_("基本编码"),
          "handling_item_code": N_("业务办理项编码"), "name": N_("事项名称"),
          "matter_type": N_("事项类型"), "exercise_level": N_("行使层级"),
          "department-code": N_("实施主体"), "window": N_("办理窗口"),
          "service_objects": N_("服务对象"), "conditions": N_("受理条件"),
          "statutory_limit": N_("法定办结时限"), "committed_limit": N_("承诺办结时限"),
          "limit_unit": N_("时限单位"), "channels-online": N_("可网上办理"),
          "channels-online_depth": N_("网办深度"),
          "channels-onsite_visits": N_("到现场次数"),
          "channels-onsite_reason": N_("需到现场的原因"), "result-name": N_("审批结果名称"),
          "result-type": N_("审批结果类型"), "effective_from": N_("生效日期"),
          "legal_basis": N_("设定依据"), "materials": N_("申请材料"),
          "fees": N_("收费"), "steps": N_("办理流程"),
          "discretion_benchmarks": N_("裁量基准"),
          "legal_basis.law": N_("法律法规名称"), "legal_basis.article": N_("条款"),
          "legal_basis.text": N_("条款内容"), "materials.name": N_("材料名称"),
          "materials.form": N_("材料形式"), "materials.originals": N_("原件份数"),
          "materials.copies": N_("复印件份数"), "materials.source": N_("来源渠道"),
          "materials.notes": N_("备注"), "fees.name": N_("收费项目"),
          "fees.standard": N_("收费标准"), "steps.name": N_("环节名称"),
          "steps.actor": N_("办理人员或科室"), "steps.limit": N_("环节时限（天）"),
          "discretion_benchmarks.circumstance": N_("情形"),
          "discretion_benchmarks.standard": N_("裁量标准"),
          # the elements the form edits since the full standard (issue 3)
          "legal_basis.clause": N_("款、项"), "legal_basis.effective_date": N_("施行日期"),
          "conditions.text": N_("条件内容"),
          "conditions.basis": N_("引用的设定依据（序号）"),
          "materials.basis": N_("引用的设定依据（序号）"),
          "materials.issuing_body": N_("出具单位"),
          "materials.blank_form": N_("空白表格（文件名或网址）"),
          "materials.sample": N_("示范文本（文件名或网址）"),
          "materials.fill_notes": N_("填报须知"),
          "materials.acceptance_standard": N_("受理标准"),
          "materials.order": N_("排列顺序"), "materials.required": N_("必须提交"),
          "fees.basis": N_("引用的设定依据（序号）"), "fees.waiver": N_("减免说明"),
          "fees.waivable": N_("可减免"), "steps.review_standard": N_("审查标准"),
          "special_procedures": N_("特别程序"),
          "special_procedures.name": N_("程序名称"),
          "special_procedures.limit": N_("时限（天）"),
          "special_procedures.basis": N_("引用的设定依据（序号）"), "faq": N_("常见问题"),
          "faq.question": NP_("faq", "问题"), "faq.answer": N_("解答"),
          "limit_explanation": N_("时限说明"), "case_class": N_("办件类型"),
          "extension-allowed": N_("可以延期办理"),
          "extension-max_days": N_("最多延长（天）"),
          "extension-basis": N_("引用的设定依据（序号）"),
          "channels-appointment": N_("可预约办理"),
          "channels-delivery_by_post": N_("支持邮寄送达"),
          "co_handling_departments": N_("联办部门"), "cancel_date": N_("取消日期"),
          **{f"{c}-{f}": labels.FIELD_LABELS[f"{c}_{f}"] for c in CONTACTS for f in CONTACT_FIELDS}}
ROW_PREFIX = re.compile(r"^([a-z_]+)-(\d{1,3})-([a-z_]+)")
ROW_ONLY = re.compile(r"^([a-z_]+)-(\d{1,3})$")


FORM_ORDER = ["form", "department", "implementation_code", "basic_code", "name",
              "handling_item_code", "matter_type", "exercise_level", "window", "service_objects",
              "co_handling_departments", "legal_basis", "conditions", "materials",
              "statutory_limit", "committed_limit", "limit_unit", "case_class",
              "limit_explanation", "special_procedures", "extension", "fees", "steps",
              "discretion_benchmarks", "channels", "result", "faq", *CONTACTS,
              "effective_from", "cancel_date"]


def _form_position(name: str) -> tuple[int, int]:
    head, _, rest = name.partition("-")
    row = rest.split("-")[0]
    place = FORM_ORDER.index(head) if head in FORM_ORDER else len(FORM_ORDER)
    return place, int(row) if row.isdigit() else -1


def anchor_and_label(name: str, _: Any) -> tuple[str, str]:
    """The anchor of a form field (or of its row or section) and its label; ("", "") for the
    form as a whole."""
    if name == "form":
        return "", ""
    if (m := ROW_PREFIX.match(name)) and m[1] in ROWS:
        row = _(labels.ROW_LABELS[m[1]], n=int(m[2]) + 1)
        field = _(LABELS.get(f"{m[1]}.{m[3]}", m[3]))
        exact = name == m[0] and f"{m[1]}.{m[3]}" in LABELS
        return (f"f-{name}" if exact else f"row-{m[1]}-{m[2]}"), f"{row} · {field}"
    if (m := ROW_ONLY.match(name)) and m[1] in ROWS:
        return f"row-{name}", _(labels.ROW_LABELS[m[1]], n=int(m[2]) + 1)
    if name in ROWS:
        return f"sec-{name}", _(LABELS[name])
    anchor = "f-service_objects-person" if name == "service_objects" else f"f-{name}"
    return anchor, _(LABELS.get(name, name))


def error_summary(errors: dict[str, str], _: Any) -> list[tuple[str, str, str]]:
    """(anchor, field label, message) for each error, linking to its field."""
    return [(*anchor_and_label(name, _), message)
            for name, message in sorted(errors.items(), key=lambda i: _form_position(i[0]))]


# --- the linter's findings, each beside the field it is about ------------------------------

FINDING_PATH = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?")


def field_of(path: str) -> str:
    """The form field a finding is about: `materials[2].name` → `materials-2-name`, a row
    (`materials-2`) or a section when the form has no such field, "form" when unknown."""
    m = FINDING_PATH.match(path)
    if m is None:
        return "form"
    head, index, rest = m[1], m[2], m[3]
    if head == "conditions":
        return "conditions"  # under the section, numbered: "第 2 条：…"
    rest = "basis" if rest == "legal_basis" else rest
    if head in ROWS and index is not None:
        return f"{head}-{index}-{rest}" if rest in ROWS[head][0] else f"{head}-{index}"
    name = f"{head}-{rest}" if rest else head
    return name if name in LABELS else "form"


def findings_by_field(findings: list[dict[str, Any]] | None,
                      _: Any) -> dict[str, list[dict[str, str]]]:
    """Each finding under its form field; a condition's number leads its message."""
    placed: dict[str, list[dict[str, str]]] = {}
    for finding in findings or []:
        name, message = field_of(finding["path"]), finding["message"]
        m = FINDING_PATH.match(finding["path"])
        if name == "conditions" and m and m[2] is not None:
            message = _("第 %(n)s 条：", n=int(m[2]) + 1) + message
        placed.setdefault(name, []).append({"severity": finding["severity"], "message": message})
    return placed


def finding_summary(placed: dict[str, list[dict[str, str]]],
                    _: Any) -> list[tuple[str, str, str, str]]:
    """(anchor, label, severity, message) of every finding: errors first, then in form order."""
    ordered = sorted(placed.items(), key=lambda item: _form_position(item[0]))
    items = [(*anchor_and_label(name, _), f["severity"], f["message"])
             for name, found in ordered for f in found]
    return sorted(items, key=lambda item: item[2] != "error")


def lint_report(findings: list[dict[str, Any]] | None, _: Any) -> dict[str, Any]:
    """What a page shows of a version's findings: by field, as a summary, and counted."""
    placed = findings_by_field(findings, _)
    summary = finding_summary(placed, _)
    errors = sum(1 for item in summary if item[2] == "error")
    return {"fields": placed, "summary": summary, "errors": errors,
            "warnings": len(summary) - errors, "checked": findings is not None}


def cross_checks(standard: dict[str, Any], _: Any) -> dict[str, str]:
    """Rules the catalog checks only once every field is valid; shown with the others."""
    statutory, committed = standard["statutory_limit"], standard["committed_limit"]
    if isinstance(statutory, int) and isinstance(committed, int) and committed > statutory:
        return {"committed_limit": _("承诺办结时限不能超过法定办结时限。")}
    return {}
