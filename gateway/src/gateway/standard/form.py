"""The matter form ⇄ the matter standard, element by element as the catalog's layout lays it out.

A form is a flat dict of typed strings. An element at the root is named by its key
(`name`), an element of an object by both keys (`channels-online`), a row's element by the list,
the row number and its key (`materials-2-name`). Materials, conditions, fees, special
procedures and the extension cite the matter's own legal-basis rows by number (`1, 3`) in a
field named `basis`, so a standard shown in the form and saved unchanged comes back the same.
"""

import re
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from gateway.i18n import N_
from gateway.standard.layout import Element, Layout

MAX_ROWS = 100
# What a new row starts with; materials and fees cite the first legal basis, as most do.
ROW_DEFAULTS = {"materials": {"required": "on", "form": "either", "originals": "1",
                              "copies": "0", "source": "applicant", "basis": "1"},
                "fees": {"basis": "1"}}
# Row groups whose entries cite legal-basis rows; when a client posts no `basis` field at all
# (an older form, a script) materials and fees cite every complete legal basis, as before.
CITE_ALL_WHEN_ABSENT = ("materials", "fees")
# Elements the form carries along but does not edit.
CARRIED = ("derived_from",)
TYPED = ("text", "long_text", "integer", "date")  # a row with one of these filled is kept
ROW_KEY = re.compile(r"^([a-z_]+)-(\d{1,3})-([a-z_]+)$")
NUMBER_LIST = re.compile(r"[\s,，、;；]+")


def field(element: Element) -> str:
    """An element's part of a form field's name: its key, or `basis` for the citations."""
    return "basis" if element.kind == "citations" else element.key


def _number(text: str) -> int | str | None:
    text = text.strip()
    return int(text) if text.isdigit() else (text or None)


def _text(text: Any) -> str | None:
    return str(text or "").strip() or None


def row_indices(values: dict[str, Any], group: str) -> list[int]:
    """The row numbers of `group` present in the form (at least one, so a blank row shows)."""
    found = {int(m[2]) for k in values if (m := ROW_KEY.match(k)) and m[1] == group}
    return sorted(i for i in found if i < MAX_ROWS) or [0]


def _rows(values: dict[str, Any], group: Element) -> tuple[list[dict[str, Any]], list[int]]:
    """Rows of `group` that are not blank, with the form row number of each; a `basis` field
    never posted stays None."""
    defaults = ROW_DEFAULTS.get(group.key, {})
    meaningful = [field(e) for e in group.elements if e.kind in TYPED and field(e) not in defaults]
    kept, numbers = [], []
    for i in row_indices(values, group.key):
        row = {field(e): values.get(f"{group.key}-{i}-{field(e)}") for e in group.elements}
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


def _citing(layout: Layout) -> list[Element]:
    """The root lists and objects that have an element citing the legal basis."""
    return [e for e in layout.top() if any(c.kind == "citations" for c in e.elements)]


def citation_errors(values: dict[str, Any], layout: Layout) -> dict[str, tuple[str, str]]:
    """Number lists that cite no complete legal-basis row: field → (text, number)."""
    bases = _bases(values, layout)
    fields = []
    for holder in _citing(layout):
        if holder.kind == "list":
            fields += [f"{holder.key}-{i}-basis" for i in _rows(values, holder)[1]]
        else:
            fields.append(f"{holder.key}-basis")
    found: dict[str, tuple[str, str]] = {}
    for name in fields:
        for part in cited_numbers(values.get(name)):
            if not part.isdigit():
                found.setdefault(name, (N_("“%(n)s”不是序号：请填数字，多个用逗号分隔。"), part))
            elif int(part) - 1 not in bases:
                found.setdefault(name, (N_("上方没有第 %(n)s 条完整的设定依据。"), part))
    return found


def _bases(values: dict[str, Any], layout: Layout) -> dict[int, dict[str, Any]]:
    """The complete legal-basis rows by form row number: the ones others may cite."""
    group = layout.lists()["legal_basis"]
    rows, numbers = _rows(values, group)
    read = [_row(group, r, {}) for r in rows]
    required = [e.key for e in group.elements if e.required]
    return {n: r for r, n in zip(read, numbers, strict=True) if all(r[k] for k in required)}


# --- form → standard -----------------------------------------------------------------------

def _read(element: Element, raw: Any, bases: dict[int, dict[str, Any]], group: str) -> Any:
    """One element's value as the standard holds it, from what the form posted."""
    kind = element.kind
    if kind == "citations":
        return _cite(raw, bases, group)
    if kind == "boolean":
        return raw == "on"
    numbered = kind == "choice" and any(isinstance(c.value, int) for c in element.choices)
    if kind == "integer" or numbered:
        return _number(str(raw or ""))
    if element.required and kind != "date":
        return str(raw or "").strip()
    return _text(raw)


def _row(group: Element, row: dict[str, Any], bases: dict[int, dict[str, Any]]
         ) -> dict[str, Any]:
    return {e.key: _read(e, row[field(e)], bases, group.key) for e in group.elements}


def document_of(values: dict[str, Any], layout: Layout,
                department_names: dict[str, str] | None = None
                ) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The matter standard the form describes, and which form row each list entry came from.
    `department_names` names the co-handling departments by code."""
    bases = _bases(values, layout)
    names = department_names or {}
    standard: dict[str, Any] = {}
    numbers: dict[str, list[int]] = {}
    for element in layout.top():
        key = element.key
        if element.kind == "list":
            rows, numbers[key] = _rows(values, element)
            standard[key] = [_row(element, r, bases) for r in rows]
        elif element.kind == "departments":
            standard[key] = [_co_handling(element, values, c, names.get(c, ""))
                             for c in values.get(key, [])]
        elif element.elements:  # an object
            standard[key] = {e.key: _read(e, values.get(f"{key}-{field(e)}"), bases, key)
                             for e in element.elements}
        elif element.kind == "multiple_choice":
            standard[key] = list(values.get(key, []))
        else:
            standard[key] = _read(element, values.get(key), bases, key)
    lines = str(values.get("conditions", "")).splitlines()  # the box that adds several at once
    standard["conditions"] += [{"text": line.strip(), "legal_basis": []}
                               for line in lines if line.strip()]
    channels = standard["channels"]
    if not channels["online"]:
        channels["online_depth"] = None
    standard["case_class"] = standard["case_class"] or "promised"
    return standard, numbers


def _co_handling(element: Element, values: dict[str, Any], code: str, name: str
                 ) -> dict[str, Any]:
    """One ticked co-handling department with the step it takes and its days, typed beside
    its box (`co_handling_departments-<code>-step`)."""
    row = {"code": code, "name": name}
    for e in element.elements:
        if e.key not in row:
            row[e.key] = _read(e, values.get(f"{element.key}-{code}-{e.key}"), {}, element.key)
    return row


def values_of(form: FormData, layout: Layout) -> dict[str, Any]:
    """The typed form as a dict of strings; the multiple choices as lists."""
    values: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    for element in layout.top():
        if element.kind in ("multiple_choice", "departments"):
            values[element.key] = [v for v in form.getlist(element.key) if isinstance(v, str)]
    return values


# --- standard → form -----------------------------------------------------------------------

def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else ""
    return "" if value is None else str(value)


def _numbers_of(cited: list[dict[str, Any]], keys: list[tuple[str, ...]],
                fields: list[str]) -> str:
    """The number list of the matter's legal-basis rows an element cites."""
    return ", ".join(str(keys.index(_basis_key(c, fields)) + 1) for c in cited
                     if _basis_key(c, fields) in keys)


def _basis_key(basis: dict[str, Any], fields: list[str]) -> tuple[str, ...]:
    return tuple(_shown(basis.get(k)) for k in fields)


def _with_cited(standard: dict[str, Any], layout: Layout, fields: list[str]
                ) -> list[dict[str, Any]]:
    """The matter's legal basis, plus any provision an element cites that it lacks (the form
    can only cite its own rows)."""
    bases = list(standard.get("legal_basis", []))
    cited = []
    for holder in _citing(layout):
        value = standard.get(holder.key) or ([] if holder.kind == "list" else {})
        for row in value if isinstance(value, list) else [value]:
            if isinstance(row, dict):
                cited += row.get("legal_basis", [])
    for basis in cited:
        if _basis_key(basis, fields) not in [_basis_key(b, fields) for b in bases]:
            bases.append(basis)
    return bases


def values_from(standard: dict[str, Any], layout: Layout) -> dict[str, Any]:
    """The form values that show a stored standard."""
    fields = [e.key for e in layout.lists()["legal_basis"].elements]
    bases = _with_cited(standard, layout, fields)
    keys = [_basis_key(b, fields) for b in bases]
    rows = {**standard, "legal_basis": bases,
            "conditions": [c if isinstance(c, dict) else {"text": c, "legal_basis": []}
                           for c in standard.get("conditions", [])]}

    def shown(element: Element, value: Any) -> Any:
        return _numbers_of(value or [], keys, fields) if element.kind == "citations" \
            else _shown(value)

    flat: dict[str, Any] = {}
    for element in layout.top():
        key, value = element.key, rows.get(element.key)
        if element.kind == "list":
            for i, row in enumerate(value or []):
                for e in element.elements:
                    flat[f"{key}-{i}-{field(e)}"] = shown(e, row.get(e.key))
        elif element.kind == "departments":
            flat[key] = [d["code"] for d in value or []]
            for row in value or []:
                for e in element.elements:
                    if e.key not in ("code", "name"):
                        flat[f"{key}-{row['code']}-{e.key}"] = _shown(row.get(e.key))
        elif element.elements:
            for e in element.elements:
                flat[f"{key}-{field(e)}"] = shown(e, (value or {}).get(e.key))
        elif element.kind == "multiple_choice":
            flat[key] = list(value or [])
        else:
            flat[key] = _shown(value)
    flat["case_class"] = flat.get("case_class") or "promised"
    return flat


def blank_values(department: str | None) -> dict[str, Any]:
    """A new matter's form: sensible defaults, one blank row per group."""
    return {"matter_type": "01", "exercise_level": "3", "service_objects": ["enterprise"],
            "limit_unit": "working_day", "case_class": "promised", "channels-online": "on",
            "channels-online_depth": "4", "channels-onsite_visits": "0",
            "effective_from": date.today().isoformat(), "department-code": department or "",
            **{f"{g}-0-{k}": v for g, defaults in ROW_DEFAULTS.items()
               for k, v in defaults.items()}}
