"""Standards written into the template: the export, which imports back unchanged."""

from datetime import date
from typing import Any

from openpyxl import Workbook

from catalog.excel.layout import BASIS, LISTS, MATTER, YES_NO, Column
from catalog.excel.template import new_workbook, to_bytes
from catalog.excel.values import shown

BASIS_FIELDS = ("law", "article", "clause", "text", "effective_date")


def export_bytes(standards: list[dict[str, Any]], *, windows: dict[str, str],
                 departments: dict[str, str]) -> bytes:
    """An .xlsx of the template holding `standards`, one matter after another."""
    book = new_workbook(windows=windows, departments=departments)
    for standard in standards:
        write_matter(book, standard, windows=windows)
    return to_bytes(book)


def write_matter(book: Workbook, standard: dict[str, Any], *, windows: dict[str, str]) -> None:
    """Append one matter's rows to every sheet of the template."""
    code = standard["implementation_code"]
    numbering = BasisNumbering(standard.get("legal_basis") or [])
    book[MATTER.title].append([cell(c, _get(standard, c.path), windows, numbering)
                               for c in MATTER.columns])
    for sheet in LISTS:
        for element in standard.get(sheet.element or "") or []:
            if isinstance(element, str):  # conditions in the contract's plain form
                element = {"text": element}
            book[sheet.title].append([code if c.kind == "link" else
                                      cell(c, _get(element, c.path), windows, numbering)
                                      for c in sheet.columns])
    for key, basis, in_matter in numbering.rows:
        values = {**basis, "key": key, "in_matter": in_matter, "implementation_code": code}
        book[BASIS.title].append([cell(c, values.get(c.path[0]), windows, numbering)
                                  for c in BASIS.columns])


class BasisNumbering:
    """Numbers for a matter's provisions: its own legal basis first, one row each, then every
    other provision cited by an element, written once however often it is cited."""

    def __init__(self, own: list[dict[str, Any]]) -> None:
        self.rows: list[tuple[int, dict[str, Any], bool]] = [
            (i, _basis(b), True) for i, b in enumerate(own, start=1)]

    def key_of(self, basis: dict[str, Any]) -> int:
        wanted = _basis(basis)
        for key, known, _ in self.rows:
            if known == wanted:
                return key
        self.rows.append((len(self.rows) + 1, wanted, False))
        return len(self.rows)


def _basis(basis: dict[str, Any]) -> dict[str, Any]:
    return {field: basis.get(field) for field in BASIS_FIELDS}


def _get(source: dict[str, Any], path: tuple[str, ...]) -> Any:
    found: Any = source
    for key in path:
        if not isinstance(found, dict):
            return None
        found = found.get(key)
    return found


def cell(column: Column, value: Any, windows: dict[str, str], numbering: BasisNumbering) -> Any:
    """How one value of a standard is written into its cell."""
    if value is None:
        return None
    kind = column.kind
    if kind == "bool":
        return YES_NO[bool(value)]
    if kind == "date":
        return date.fromisoformat(value) if isinstance(value, str) else value
    if kind == "choice":
        return shown(value, column.choices, coded=column.coded)
    if kind == "window":
        return windows.get(value, value)
    if kind == "multi":
        return "、".join(shown(v, column.choices) for v in value)
    if kind == "refs":
        return "、".join(str(numbering.key_of(b)) for b in value) or None
    return value
