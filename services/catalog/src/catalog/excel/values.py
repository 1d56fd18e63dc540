"""Cell values as a clerk types them, read into standard values and written back."""

import re
from datetime import date, datetime
from typing import Any

from catalog.layout.choices import YES_NO

YES, NO = (choice.label.zh for choice in YES_NO)  # True's label, then False's
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×"}
SEPARATORS = re.compile(r"[、,，;；\s]+")


class CellError(ValueError):
    """A cell whose content cannot be read; the message says what to write instead."""


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str | None:
    """Text, with numbers typed into a text column read back without a trailing `.0`."""
    if blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def integer(value: Any) -> int | None:
    if blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("应填写整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    found = str(value).strip()
    if re.fullmatch(r"[+-]?\d+", found):
        return int(found)
    raise CellError(f"应填写整数，而不是“{found}”")


def boolean(value: Any) -> bool | None:
    if blank(value):
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"应填写“{YES}”或“{NO}”，而不是“{value}”")


def day(value: Any) -> date | None:
    """A date cell, or text such as 2026-01-01, 2026/1/1 or 2026年1月1日."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?",
                         str(value).strip())
    try:
        if found:
            return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        pass
    raise CellError(f"应填写日期，如 2026-01-01，而不是“{value}”")


def choice(value: Any, options: dict[Any, str]) -> Any:
    """One of `options` (value → label): by its label, its code, or "code label"; a label's
    short form before its parenthesis (四级 for 四级（全程网办）) is accepted too."""
    if blank(value):
        return None
    typed = text(value) or ""
    head = typed.split(" ")[0]
    for code, label in options.items():
        # Excel turns a typed 01 into the number 1: compare codes of digits without padding.
        same_code = head == str(code) or (head.isdigit() and str(code).isdigit()
                                           and int(head) == int(code))
        if typed in (label, label.split("（")[0]) or same_code:
            return code
    allowed = "、".join(shown(code, options) for code in options)
    raise CellError(f"“{typed}”不是可选值，请从下拉列表选择：{allowed}")


def choices(value: Any, options: dict[Any, str]) -> list[Any] | None:
    """Several of `options`, separated by 、 or commas."""
    if blank(value):
        return None
    return [choice(part, options) for part in SEPARATORS.split(str(value).strip()) if part]


def references(value: Any) -> list[int]:
    """Numbers of legal-basis rows, such as "1、3"; blank means none."""
    if blank(value):
        return []
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [integer(value) or 0]
    found = [part for part in SEPARATORS.split(str(value).strip()) if part]
    if not all(part.isdigit() for part in found):
        raise CellError(f"应填写“设定依据”表中的依据序号，如 1、2，而不是“{value}”")
    return [int(part) for part in found]


def convert(kind: str, raw: Any, options: dict[Any, str], *, windows: dict[str, str]) -> Any:
    """One cell's value, read as its column's kind, the way the standard holds it."""
    if kind in ("text", "link"):
        return text(raw)
    if kind in ("int", "key"):
        return integer(raw)
    if kind == "bool":
        return boolean(raw)
    if kind == "date":
        found = day(raw)
        return found.isoformat() if found else None
    if kind == "choice":
        return choice(raw, options)
    if kind == "window":
        return choice(raw, windows) if windows else text(raw)
    if kind == "multi":
        return choices(raw, options)
    return references(raw)


def shown(code: Any, options: dict[Any, str], *, coded: bool = False) -> str:
    """How a code is written into a cell: its label, or "code label" for numeric codes."""
    label = options.get(code, str(code))
    return f"{code} {label}" if coded else label
