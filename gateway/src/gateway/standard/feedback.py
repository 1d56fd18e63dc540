"""Errors and the linter's findings placed on the matter form's fields, with their labels."""

import re
from typing import Any

from gateway.i18n import N_
from gateway.standard.layout import Reader

# Pydantic's messages (as the catalog returns them) and the readable text for each.
MESSAGES = [("exceeds the committed limit", N_("联办部门的时限不能超过承诺办结时限。")),
            ("listed twice", N_("同一联办部门只能列一次。")),
            ("not its own co-handling department", N_("实施主体不能作为自己的联办部门。")),
            ("Field required", N_("请填写此项。")), ("at least 1 character", N_("请填写此项。")),
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
        elif len(loc) == 2 and loc[1] == "legal_basis":
            loc = [loc[0], "basis"]
        if not loc and "committed_limit" in msg:
            loc = ["committed_limit"]
        key = "-".join(loc).replace("department-name", "department-code") or "form"
        found.setdefault(key, next((_(k) for part, k in MESSAGES if part in msg), msg))
    return found


ROW_PREFIX = re.compile(r"^([a-z_]+)-(\d{1,3})-([a-z_]+)")
ROW_ONLY = re.compile(r"^([a-z_]+)-(\d{1,3})$")
BASIS = N_("引用的设定依据（序号）")


def _form_position(name: str, layout: Reader) -> tuple[int, int]:
    order = ["form", *(e.key for e in layout.layout.top())]
    head, _, rest = name.partition("-")
    row = rest.split("-")[0]
    place = order.index(head) if head in order else len(order)
    return place, int(row) if row.isdigit() else -1


def _path(name: str) -> str:
    """The layout path of a form field: `channels-online` → channels.online."""
    return name.replace("-", ".")


def anchor_and_label(name: str, _: Any, layout: Reader) -> tuple[str, str]:
    """The anchor of a form field (or of its row or section) and its label; ("", "") for the
    form as a whole."""
    if name == "form":
        return "", ""
    lists = layout.layout.lists()
    if (m := ROW_PREFIX.match(name)) and m[1] in lists:
        row = layout.row(m[1], int(m[2]) + 1)
        known = m[3] == "basis" or lists[m[1]].child(m[3]) is not None
        label = _(BASIS) if m[3] == "basis" else layout.label(f"{m[1]}.{m[3]}")
        exact = name == m[0] and known
        return (f"f-{name}" if exact else f"row-{m[1]}-{m[2]}"), f"{row} · {label}"
    if (m := ROW_ONLY.match(name)) and m[1] in lists:
        return f"row-{name}", layout.row(m[1], int(m[2]) + 1)
    if name in lists:
        return f"sec-{name}", layout.label(name)
    if name.endswith("-basis"):
        return f"f-{name}", f"{layout.label(name.split('-')[0])} · {_(BASIS)}"
    if name == "department-code":
        return f"f-{name}", layout.label("department")
    return f"f-{name}", layout.label(_path(name))


def error_summary(errors: dict[str, str], _: Any, layout: Reader) -> list[tuple[str, str, str]]:
    """(anchor, field label, message) for each error, linking to its field."""
    ordered = sorted(errors.items(), key=lambda i: _form_position(i[0], layout))
    return [(*anchor_and_label(name, _, layout), message) for name, message in ordered]


# --- the linter's findings, each beside the field it is about ------------------------------

FINDING_PATH = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?")


def field_of(path: str, layout: Reader) -> str:
    """The form field a finding is about: `materials[2].name` → `materials-2-name`, a row
    (`materials-2`) or a section when the form has no such field, "form" when unknown."""
    m = FINDING_PATH.match(path)
    if m is None:
        return "form"
    head, index, rest = m[1], m[2], m[3]
    if head == "conditions":
        return "conditions"  # under the section, numbered: "第 2 条：…"
    lists = layout.layout.lists()
    if head in lists and index is not None:
        element = lists[head].child(rest or "")
        if element is None:
            return f"{head}-{index}"
        return f"{head}-{index}-{'basis' if element.kind == 'citations' else rest}"
    if head == "department":
        return "department-code"
    element = layout.element(f"{head}.{rest}" if rest else head)
    if element is None:
        return "form"
    if element.kind == "citations":
        return f"{head}-basis"
    return f"{head}-{rest}" if rest else head


def findings_by_field(findings: list[dict[str, Any]] | None, _: Any,
                      layout: Reader) -> dict[str, list[dict[str, str]]]:
    """Each finding under its form field; a condition's number leads its message."""
    placed: dict[str, list[dict[str, str]]] = {}
    for finding in findings or []:
        name, message = field_of(finding["path"], layout), finding["message"]
        m = FINDING_PATH.match(finding["path"])
        if name == "conditions" and m and m[2] is not None:
            message = _("第 %(n)s 条：", n=int(m[2]) + 1) + message
        placed.setdefault(name, []).append({"severity": finding["severity"], "message": message})
    return placed


def finding_summary(placed: dict[str, list[dict[str, str]]], _: Any,
                    layout: Reader) -> list[tuple[str, str, str, str]]:
    """(anchor, label, severity, message) of every finding: errors first, then in form order."""
    ordered = sorted(placed.items(), key=lambda item: _form_position(item[0], layout))
    items = [(*anchor_and_label(name, _, layout), f["severity"], f["message"])
             for name, found in ordered for f in found]
    return sorted(items, key=lambda item: item[2] != "error")


def lint_report(findings: list[dict[str, Any]] | None, _: Any, layout: Reader
                ) -> dict[str, Any]:
    """What a page shows of a version's findings: by field, as a summary, and counted."""
    placed = findings_by_field(findings, _, layout)
    summary = finding_summary(placed, _, layout)
    errors = sum(1 for item in summary if item[2] == "error")
    return {"fields": placed, "summary": summary, "errors": errors,
            "warnings": len(summary) - errors, "checked": findings is not None}


def cross_checks(standard: dict[str, Any], _: Any) -> dict[str, str]:
    """Rules the catalog checks only once every field is valid; shown with the others."""
    statutory, committed = standard["statutory_limit"], standard["committed_limit"]
    if isinstance(statutory, int) and isinstance(committed, int) and committed > statutory:
        return {"committed_limit": _("承诺办结时限不能超过法定办结时限。")}
    return {}
