"""Errors and the linter's findings placed on the matter form's fields, with their labels."""

import re
from typing import Any

from gateway.standard.form import CONTACT_FIELDS, CONTACTS, ROWS

# Pydantic's messages (as the catalog returns them) and the readable text for each.
MESSAGES = [("Field required", "ed.err.required"), ("at least 1 character", "ed.err.required"),
            ("at least 1 item", "ed.err.one_row"), ("valid integer", "ed.err.integer"),
            ("greater than or equal to 0", "ed.err.not_negative"),
            ("less than or equal to 4", "ed.err.choice"),
            ("greater than or equal to 1", "ed.err.choice"),
            ("committed_limit", "ed.err.committed"), ("valid date", "ed.err.date"),
            ("at most", "ed.err.too_long"), ("at least 18 characters", "ed.err.choice"),
            ("unknown", "ed.err.choice"), ("not your department", "ed.err.department"),
            ("Input should be", "ed.err.choice")]


def field_errors(problem: dict[str, Any], numbers: dict[str, list[int]], t: Any) -> dict[str, str]:
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
        found.setdefault(key, next((t(k) for part, k in MESSAGES if part in msg), msg))
    return found


# Labels of the form's fields for the error summary; row fields are keyed "group.field".
LABELS = {"implementation_code": "ed.f.implementation_code", "basic_code": "ed.f.basic_code",
          "handling_item_code": "ed.f.handling_item_code", "name": "ed.f.name",
          "matter_type": "ed.f.matter_type", "exercise_level": "ed.f.exercise_level",
          "department-code": "ed.f.department", "window": "ed.f.window",
          "service_objects": "ed.f.service_objects", "conditions": "ed.f.conditions",
          "statutory_limit": "ed.f.statutory_limit", "committed_limit": "ed.f.committed_limit",
          "limit_unit": "ed.f.limit_unit", "channels-online": "ed.f.online",
          "channels-online_depth": "ed.f.online_depth",
          "channels-onsite_visits": "ed.f.onsite_visits",
          "channels-onsite_reason": "ed.f.onsite_reason", "result-name": "ed.f.result_name",
          "result-type": "ed.f.result_type", "effective_from": "ed.f.effective_from",
          "legal_basis": "ed.sec.legal_basis", "materials": "ed.sec.materials",
          "fees": "ed.sec.fees", "steps": "ed.sec.steps",
          "discretion_benchmarks": "ed.sec.discretion",
          "legal_basis.law": "ed.f.law", "legal_basis.article": "ed.f.article",
          "legal_basis.text": "ed.f.basis_text", "materials.name": "ed.f.material_name",
          "materials.form": "ed.f.material_form", "materials.originals": "ed.f.originals",
          "materials.copies": "ed.f.copies", "materials.source": "ed.f.source",
          "materials.notes": "ed.f.notes", "fees.name": "ed.f.fee_name",
          "fees.standard": "ed.f.fee_standard", "steps.name": "ed.f.step_name",
          "steps.actor": "ed.f.step_actor", "steps.limit": "ed.f.step_limit",
          "discretion_benchmarks.circumstance": "ed.f.circumstance",
          "discretion_benchmarks.standard": "ed.f.discretion_standard",
          # the elements the form edits since the full standard (issue 3)
          "legal_basis.clause": "ed.f.clause", "legal_basis.effective_date": "ed.f.basis_date",
          "conditions.text": "ed.f.condition_text",
          "conditions.basis": "ed.f.basis_cited", "materials.basis": "ed.f.basis_cited",
          "materials.issuing_body": "ed.f.issuing_body", "materials.blank_form": "ed.f.blank_form",
          "materials.sample": "ed.f.sample", "materials.fill_notes": "ed.f.fill_notes",
          "materials.acceptance_standard": "ed.f.acceptance_standard",
          "materials.order": "ed.f.order", "materials.required": "ed.f.required",
          "fees.basis": "ed.f.basis_cited", "fees.waiver": "ed.f.waiver",
          "fees.waivable": "ed.f.waivable", "steps.review_standard": "ed.f.review_standard",
          "special_procedures": "ed.sec.special_procedures",
          "special_procedures.name": "ed.f.procedure_name",
          "special_procedures.limit": "ed.f.procedure_limit",
          "special_procedures.basis": "ed.f.basis_cited", "faq": "ed.sec.faq",
          "faq.question": "ed.f.question", "faq.answer": "ed.f.answer",
          "limit_explanation": "ed.f.limit_explanation", "case_class": "ed.f.case_class",
          "extension-allowed": "ed.f.extension_allowed",
          "extension-max_days": "ed.f.extension_days", "extension-basis": "ed.f.basis_cited",
          "channels-appointment": "ed.f.appointment",
          "channels-delivery_by_post": "ed.f.delivery_by_post",
          "co_handling_departments": "ed.f.co_handling", "cancel_date": "ed.f.cancel_date",
          **{f"{c}-{f}": f"ed.f.{c}_{f}" for c in CONTACTS for f in CONTACT_FIELDS}}
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


def anchor_and_label(name: str, t: Any) -> tuple[str, str]:
    """The anchor of a form field (or of its row or section) and its label; ("", "") for the
    form as a whole."""
    if name == "form":
        return "", ""
    if (m := ROW_PREFIX.match(name)) and m[1] in ROWS:
        row = t(f"ed.row.{m[1]}", n=int(m[2]) + 1)
        field = t(LABELS.get(f"{m[1]}.{m[3]}", m[3]))
        exact = name == m[0] and f"{m[1]}.{m[3]}" in LABELS
        return (f"f-{name}" if exact else f"row-{m[1]}-{m[2]}"), f"{row} · {field}"
    if (m := ROW_ONLY.match(name)) and m[1] in ROWS:
        return f"row-{name}", t(f"ed.row.{m[1]}", n=int(m[2]) + 1)
    if name in ROWS:
        return f"sec-{name}", t(LABELS[name])
    anchor = "f-service_objects-person" if name == "service_objects" else f"f-{name}"
    return anchor, t(LABELS.get(name, name))


def error_summary(errors: dict[str, str], t: Any) -> list[tuple[str, str, str]]:
    """(anchor, field label, message) for each error, linking to its field."""
    return [(*anchor_and_label(name, t), message)
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
                      t: Any) -> dict[str, list[dict[str, str]]]:
    """Each finding under its form field; a condition's number leads its message."""
    placed: dict[str, list[dict[str, str]]] = {}
    for finding in findings or []:
        name, message = field_of(finding["path"]), finding["message"]
        m = FINDING_PATH.match(finding["path"])
        if name == "conditions" and m and m[2] is not None:
            message = t("ed.lint.condition_n", n=int(m[2]) + 1) + message
        placed.setdefault(name, []).append({"severity": finding["severity"], "message": message})
    return placed


def finding_summary(placed: dict[str, list[dict[str, str]]],
                    t: Any) -> list[tuple[str, str, str, str]]:
    """(anchor, label, severity, message) of every finding: errors first, then in form order."""
    ordered = sorted(placed.items(), key=lambda item: _form_position(item[0]))
    items = [(*anchor_and_label(name, t), f["severity"], f["message"])
             for name, found in ordered for f in found]
    return sorted(items, key=lambda item: item[2] != "error")


def lint_report(findings: list[dict[str, Any]] | None, t: Any) -> dict[str, Any]:
    """What a page shows of a version's findings: by field, as a summary, and counted."""
    placed = findings_by_field(findings, t)
    summary = finding_summary(placed, t)
    errors = sum(1 for item in summary if item[2] == "error")
    return {"fields": placed, "summary": summary, "errors": errors,
            "warnings": len(summary) - errors, "checked": findings is not None}


def cross_checks(standard: dict[str, Any], t: Any) -> dict[str, str]:
    """Rules the catalog checks only once every field is valid; shown with the others."""
    statutory, committed = standard["statutory_limit"], standard["committed_limit"]
    if isinstance(statutory, int) and isinstance(committed, int) and committed > statutory:
        return {"committed_limit": t("ed.err.committed")}
    return {}
