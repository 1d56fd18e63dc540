"""The matter form ⇄ the matter standard: every element, section by section.

A form is a flat dict of typed strings; rows are named `group-i-field`. Materials, conditions,
fees, special procedures and the extension cite the matter's own legal-basis rows by number
(`1, 3`), so a standard shown in the form and saved unchanged comes back the same.
"""

import re
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from gateway.i18n import N_

MAX_ROWS = 100
# Row groups of the form: their fields, and the text fields that make a row worth keeping.
ROWS = {
    "legal_basis": (("law", "article", "clause", "text", "effective_date"),
                    ("law", "article", "clause", "text", "effective_date")),
    "conditions": (("text", "basis"), ("text",)),
    "materials": (("name", "required", "form", "originals", "copies", "source", "basis",
                   "notes", "issuing_body", "blank_form", "sample", "fill_notes",
                   "acceptance_standard", "order"),
                  ("name", "notes", "issuing_body", "blank_form", "sample", "fill_notes",
                   "acceptance_standard")),
    "special_procedures": (("name", "limit", "basis"), ("name", "limit")),
    "fees": (("name", "standard", "waivable", "waiver", "basis"), ("name", "standard", "waiver")),
    "steps": (("name", "actor", "limit", "review_standard"),
              ("name", "actor", "limit", "review_standard")),
    "discretion_benchmarks": (("circumstance", "standard"), ("circumstance", "standard")),
    "faq": (("question", "answer"), ("question", "answer")),
}
# What a new row starts with; materials and fees cite the first legal basis, as most do.
ROW_DEFAULTS = {"materials": {"required": "on", "form": "either", "originals": "1",
                              "copies": "0", "source": "applicant", "basis": "1"},
                "fees": {"basis": "1"}}
# Row groups whose entries cite legal-basis rows; when a client posts no `basis` field at all
# (an older form, a script) materials and fees cite every complete legal basis, as before.
CITE_ALL_WHEN_ABSENT = ("materials", "fees")
CONTACTS = ("consultation", "complaint")
CONTACT_FIELDS = ("phone", "address", "online")
ROW_KEY = re.compile(r"^([a-z_]+)-(\d{1,3})-([a-z_]+)$")
NUMBER_LIST = re.compile(r"[\s,，、;；]+")


def _number(text: str) -> int | str | None:
    text = text.strip()
    return int(text) if text.isdigit() else (text or None)


def _text(text: Any) -> str | None:
    return str(text or "").strip() or None


def _on(value: Any) -> bool:
    return value == "on"


def row_indices(values: dict[str, Any], group: str) -> list[int]:
    """The row numbers of `group` present in the form (at least one, so a blank row shows)."""
    found = {int(m[2]) for k in values if (m := ROW_KEY.match(k)) and m[1] == group}
    return sorted(i for i in found if i < MAX_ROWS) or [0]


def _rows(values: dict[str, Any], group: str) -> tuple[list[dict[str, Any]], list[int]]:
    """Rows of `group` that are not blank, with the form row number of each; a `basis` field
    never posted stays None."""
    fields, meaningful = ROWS[group]
    kept, numbers = [], []
    for i in row_indices(values, group):
        row = {f: values.get(f"{group}-{i}-{f}") for f in fields}
        row = {f: (None if f == "basis" and v is None else str(v or "")) for f, v in row.items()}
        if any(str(row[f] or "").strip() for f in meaningful):
            kept.append(row)
            numbers.append(i)
    return kept, numbers


# --- citations of the matter's legal basis -------------------------------------------------

def cited_numbers(raw: str | None) -> list[str]:
    """The parts of a number list as typed: "1, 3" → ["1", "3"]."""
    return [p for p in NUMBER_LIST.split(raw or "") if p]


def _cite(raw: str | None, bases: dict[int, dict[str, Any]], group: str) -> list[dict[str, Any]]:
    """The legal bases a number list cites (numbers as the form shows them, from 1)."""
    if raw is None:
        return list(bases.values()) if group in CITE_ALL_WHEN_ABSENT else []
    parts = [int(p) for p in cited_numbers(raw) if p.isdigit()]
    return [bases[n - 1] for n in dict.fromkeys(parts) if n - 1 in bases]


def citation_errors(values: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Number lists that cite no complete legal-basis row: field → (text, number)."""
    bases = _bases(values)
    found: dict[str, tuple[str, str]] = {}
    fields = [f"{g}-{i}-basis" for g in ROWS if "basis" in ROWS[g][0]
              for i in _rows(values, g)[1]] + ["extension-basis"]
    for field in fields:
        for part in cited_numbers(values.get(field)):
            if not part.isdigit():
                found.setdefault(field, (N_("“%(n)s”不是序号：请填数字，多个用逗号分隔。"), part))
            elif int(part) - 1 not in bases:
                found.setdefault(field, (N_("上方没有第 %(n)s 条完整的设定依据。"), part))
    return found


def _basis(row: dict[str, Any]) -> dict[str, Any]:
    return {"law": row["law"].strip(), "article": row["article"].strip(),
            "clause": _text(row["clause"]), "text": row["text"].strip(),
            "effective_date": _text(row["effective_date"])}


def _bases(values: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The complete legal-basis rows by form row number: the ones others may cite."""
    rows, numbers = _rows(values, "legal_basis")
    return {n: _basis(r) for r, n in zip(rows, numbers, strict=True)
            if r["law"].strip() and r["article"].strip() and r["text"].strip()}


# --- form → standard -----------------------------------------------------------------------

def _conditions(values: dict[str, Any], rows: list[dict[str, Any]],
                bases: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """Condition rows, then the lines typed into the box that adds several at once."""
    typed = [{"text": r["text"].strip(), "legal_basis": _cite(r["basis"], bases, "conditions")}
             for r in rows]
    lines = str(values.get("conditions", "")).splitlines()
    return typed + [{"text": line.strip(), "legal_basis": []} for line in lines if line.strip()]


def _material(r: dict[str, Any], bases: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {"name": r["name"].strip(), "required": _on(r["required"]), "form": r["form"],
            "originals": _number(r["originals"]), "copies": _number(r["copies"]),
            "source": r["source"], "legal_basis": _cite(r["basis"], bases, "materials"),
            "notes": _text(r["notes"]), "issuing_body": _text(r["issuing_body"]),
            "blank_form": _text(r["blank_form"]), "sample": _text(r["sample"]),
            "fill_notes": _text(r["fill_notes"]),
            "acceptance_standard": _text(r["acceptance_standard"]),
            "order": _number(r["order"])}


def _contact(values: dict[str, Any], name: str) -> dict[str, Any]:
    return {f: _text(values.get(f"{name}-{f}")) for f in CONTACT_FIELDS}


def document_of(values: dict[str, Any], department_names: dict[str, str] | None = None
                ) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The matter standard the form describes, and which form row each list entry came from.
    `department_names` names the co-handling departments by code."""
    rows = {group: _rows(values, group) for group in ROWS}
    bases = _bases(values)
    names = department_names or {}
    v = values.get
    online = _on(v("channels-online"))
    standard = {
        "implementation_code": v("implementation_code", "").strip(),
        "basic_code": v("basic_code", "").strip(),
        "handling_item_code": _text(v("handling_item_code", "")),
        "name": v("name", "").strip(), "matter_type": v("matter_type", ""),
        "exercise_level": v("exercise_level", ""),
        "department": {"code": v("department-code", ""), "name": v("department-name", "")},
        "window": v("window", ""), "service_objects": list(v("service_objects", [])),
        "legal_basis": [_basis(r) for r in rows["legal_basis"][0]],
        "conditions": _conditions(values, rows["conditions"][0], bases),
        "materials": [_material(r, bases) for r in rows["materials"][0]],
        "statutory_limit": _number(v("statutory_limit", "")),
        "committed_limit": _number(v("committed_limit", "")),
        "limit_unit": v("limit_unit", ""),
        "limit_explanation": _text(v("limit_explanation")),
        "case_class": v("case_class") or "promised",
        "special_procedures": [{"name": r["name"].strip(), "limit": _number(r["limit"]),
                                "legal_basis": _cite(r["basis"], bases, "special_procedures")}
                               for r in rows["special_procedures"][0]],
        "extension": {"allowed": _on(v("extension-allowed")),
                      "max_days": _number(v("extension-max_days", "")),
                      "legal_basis": _cite(v("extension-basis", ""), bases, "extension")},
        "fees": [{"name": r["name"].strip(), "standard": r["standard"].strip(),
                  "legal_basis": _cite(r["basis"], bases, "fees"),
                  "waivable": _on(r["waivable"]), "waiver": _text(r["waiver"])}
                 for r in rows["fees"][0]],
        "steps": [{"name": r["name"].strip(), "actor": r["actor"].strip(),
                   "limit": _number(r["limit"]), "review_standard": _text(r["review_standard"])}
                  for r in rows["steps"][0]],
        "discretion_benchmarks": [{k: r[k].strip() for k in ("circumstance", "standard")}
                                  for r in rows["discretion_benchmarks"][0]],
        "channels": {"online": online,
                     "online_depth": _number(v("channels-online_depth", "")) if online else None,
                     "onsite_visits": _number(v("channels-onsite_visits", "")),
                     "onsite_reason": _text(v("channels-onsite_reason", "")),
                     "appointment": _on(v("channels-appointment")),
                     "delivery_by_post": _on(v("channels-delivery_by_post"))},
        "result": {"name": v("result-name", "").strip(), "type": v("result-type", "").strip()},
        "faq": [{k: r[k].strip() for k in ("question", "answer")} for r in rows["faq"][0]],
        "co_handling_departments": [{"code": c, "name": names.get(c, "")}
                                    for c in v("co_handling_departments", [])],
        **{name: _contact(values, name) for name in CONTACTS},
        "effective_from": v("effective_from", "").strip() or None,
        "cancel_date": _text(v("cancel_date")),
        "derived_from": _text(v("derived_from")),
    }
    return standard, {group: rows[group][1] for group in ROWS}


def values_of(form: FormData) -> dict[str, Any]:
    """The typed form as a dict of strings; the multiple choices as lists."""
    values: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    for name in ("service_objects", "co_handling_departments"):
        values[name] = [v for v in form.getlist(name) if isinstance(v, str)]
    return values


# --- standard → form -----------------------------------------------------------------------

def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else ""
    return "" if value is None else str(value)


def _numbers_of(cited: list[dict[str, Any]], bases: list[dict[str, Any]]) -> str:
    """The number list of the matter's legal-basis rows an element cites."""
    keys = [_basis_key(b) for b in bases]
    return ", ".join(str(keys.index(_basis_key(c)) + 1) for c in cited
                     if _basis_key(c) in keys)


def _basis_key(basis: dict[str, Any]) -> tuple[str, ...]:
    return tuple(_shown(basis.get(k)) for k in ROWS["legal_basis"][0])


def _with_cited(standard: dict[str, Any]) -> list[dict[str, Any]]:
    """The matter's legal basis, plus any provision an element cites that it lacks (the form
    can only cite its own rows)."""
    bases = list(standard.get("legal_basis", []))
    cited = [b for g in ("conditions", "materials", "fees", "special_procedures")
             for row in standard.get(g, []) if isinstance(row, dict)
             for b in row.get("legal_basis", [])]
    cited += (standard.get("extension") or {}).get("legal_basis", [])
    for basis in cited:
        if _basis_key(basis) not in [_basis_key(b) for b in bases]:
            bases.append(basis)
    return bases


def values_from(standard: dict[str, Any]) -> dict[str, Any]:
    """The form values that show a stored standard."""
    flat: dict[str, Any] = {k: v for k, v in standard.items() if isinstance(v, str)}
    for key in ("handling_item_code", "limit_explanation", "cancel_date", "derived_from"):
        flat[key] = _shown(standard.get(key))
    flat["case_class"] = standard.get("case_class") or "promised"
    flat["service_objects"] = list(standard.get("service_objects", []))
    flat["co_handling_departments"] = [d["code"] for d in
                                       standard.get("co_handling_departments", [])]
    for key in ("statutory_limit", "committed_limit"):
        flat[key] = str(standard.get(key, ""))
    for section in ("department", "channels", "result", "extension", *CONTACTS):
        for field, value in (standard.get(section) or {}).items():
            if field != "legal_basis":
                flat[f"{section}-{field}"] = _shown(value)
    bases = _with_cited(standard)
    flat["extension-basis"] = _numbers_of((standard.get("extension") or {})
                                          .get("legal_basis", []), bases)
    rows = {**standard, "legal_basis": bases,
            "conditions": [c if isinstance(c, dict) else {"text": c, "legal_basis": []}
                           for c in standard.get("conditions", [])]}
    for group, (fields, _) in ROWS.items():
        for i, row in enumerate(rows.get(group, [])):
            for field in fields:
                shown = (_numbers_of(row.get("legal_basis", []), bases) if field == "basis"
                         else _shown(row.get(field)))
                flat[f"{group}-{i}-{field}"] = shown
    return flat


def blank_values(department: str | None) -> dict[str, Any]:
    """A new matter's form: sensible defaults, one blank row per group."""
    return {"matter_type": "01", "exercise_level": "3", "service_objects": ["enterprise"],
            "limit_unit": "working_day", "case_class": "promised", "channels-online": "on",
            "channels-online_depth": "4", "channels-onsite_visits": "0",
            "effective_from": date.today().isoformat(), "department-code": department or "",
            **{f"{g}-0-{k}": v for g, defaults in ROW_DEFAULTS.items()
               for k, v in defaults.items()}}
