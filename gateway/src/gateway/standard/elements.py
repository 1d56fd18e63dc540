"""The elements of a standard a reviewer may address, each labelled in the page language: every
element of the layout, and each row of a list by what names it (`materials[0]` · 申请表)."""

from typing import Any

from gateway.standard.layout import Reader


def _short(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def elements(standard: dict[str, Any], layout: Reader) -> list[tuple[str, str]]:
    """The paths a reviewer may address (`materials[0]`), each with its label."""
    found: list[tuple[str, str]] = []
    for element in layout.layout.top():
        label = element.label(layout.lang)
        found.append((element.key, label))
        if element.is_list:
            for i, row in enumerate(standard.get(element.key) or []):
                named = layout.named(element.key, row)
                found.append((f"{element.key}[{i}]", f"{label} · {_short(named)}"))
    return found


def element_label(path: str, standard: dict[str, Any], layout: Reader) -> str:
    """The label of one element path of `standard`; the layout's label of an element no longer
    there (a removed row), or the path itself when the layout lacks it."""
    return dict(elements(standard, layout)).get(path) or layout.label(path)
