"""Where an opinion is anchored: an element of the standard, or one row of a list element.

The catalog keeps no identity for a row of a list (`materials[2]` is a position), so a path
alone would move an opinion onto whatever row comes to stand at that position — a material
renamed or moved would inherit another material's opinion. An opinion on a row therefore keeps
the row as it was reviewed (its list, position, name and content: its *anchor*), and is found
again in a later standard by, in order: the department's own link (its answer says which row it
revised), the same content, the same name; otherwise the row is gone (removed, or renamed
without saying so) and the opinion is shown under its old name, never under another row.
"""

import re
from typing import Any

PATH = re.compile(r"^([a-z_]+)(?:\[(\d{1,4})\])?(?:\.([a-z_.]+))?$")
NAME_FIELDS = ("name", "text", "circumstance", "question", "law", "code")


def parse(path: str) -> tuple[str, int | None] | None:
    """(element, row index or None) of a path such as `materials[2].name`; None if malformed."""
    match = PATH.match(path)
    if match is None:
        return None
    return match[1], int(match[2]) if match[2] is not None else None


def top(path: str) -> str:
    """The top-level element a path is in: `materials[2].name` → materials."""
    parsed = parse(path)
    return parsed[0] if parsed else path


def row_path(path: str) -> str:
    """The element or row a path addresses: `materials[2].name` → materials[2]."""
    parsed = parse(path)
    if parsed is None:
        return path
    key, index = parsed
    return key if index is None else f"{key}[{index}]"


def row_name(row: Any) -> str:
    """What names a row to a reader: its name, text, circumstance, question, law or code."""
    if not isinstance(row, dict):
        return str(row)
    for key in NAME_FIELDS:
        if row.get(key):
            name = str(row[key])
            return f"{name}{row.get('article') or ''}" if key == "law" else name
    return ""


def row_at(standard: dict[str, Any], path: str) -> Any | None:
    """The row a path addresses in `standard`, or None (not a row, or no such row)."""
    parsed = parse(path)
    if parsed is None or parsed[1] is None:
        return None
    rows = standard.get(parsed[0])
    if not isinstance(rows, list) or parsed[1] >= len(rows):
        return None
    return rows[parsed[1]]


def anchor_of(standard: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The anchor of an opinion on `path` (None for an element that is not a row)."""
    parsed = parse(path)
    row = row_at(standard, path)
    if parsed is None or parsed[1] is None or row is None:
        return None
    return {"list": parsed[0], "index": parsed[1], "name": row_name(row), "row": row}


def locate(anchor: dict[str, Any] | None, path: str, standard: dict[str, Any],
           link: str | None = None) -> str | None:
    """Where the element an opinion was about is in `standard`: the path itself for an element
    that is not a row; for a row, the department's link, else the same row, else the row of the
    same name; None when the row is gone."""
    if anchor is None:
        return row_path(path) if parse(path) else None
    rows = standard.get(anchor["list"])
    if not isinstance(rows, list):
        return None
    if link and top(link) == anchor["list"] and row_at(standard, link) is not None:
        return row_path(link)
    for test in (lambda r: r == anchor["row"], lambda r: row_name(r) == anchor["name"]):
        found = [i for i, row in enumerate(rows) if test(row)]
        if found:
            closest = min(found, key=lambda i: abs(i - anchor["index"]))
            return f"{anchor['list']}[{closest}]"
    return None
