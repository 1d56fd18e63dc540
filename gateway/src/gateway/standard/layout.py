"""The matter standard's layout as the catalog serves it, read by every page that shows a
standard: its sections and elements, their labels, help and choices in both languages.

The catalog owns the layout (`GET /api/catalog/v1/standard/layout`); the gateway keeps the last
good copy (`gateway.standard.shelf`) and reads it here. Paths are dotted from the standard's
root (`materials.name`); a row index in a path (`materials[2].name`) is ignored.
"""

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel


class Words(BaseModel):
    """The same words in Chinese and in English."""

    zh: str
    en: str

    def __call__(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class Choice(BaseModel):
    value: str | int | bool
    label: Words


class Element(BaseModel):
    """One element; an object or a list holds its own `elements`."""

    key: str
    path: str
    kind: str
    required: bool
    label: Words
    help: Words | None = None
    choices: list[Choice] = []
    row: Words | None = None
    named_by: list[str] = []
    elements: list["Element"] = []

    @property
    def is_list(self) -> bool:
        return self.kind in ("list", "departments")

    def child(self, key: str) -> "Element | None":
        return next((e for e in self.elements if e.key == key), None)

    def folded(self) -> list["Element"]:
        """The elements a long row keeps folded until wanted: its optional texts."""
        if len(self.elements) <= 8:
            return []
        return [e for e in self.elements
                if not e.required and e.kind in ("text", "long_text")]


class Section(BaseModel):
    key: str
    label: Words
    elements: list[Element]


class Layout(BaseModel):
    """The sections in reading order, and how yes and no are named."""

    sections: list[Section]
    yes_no: list[Choice]

    def walk(self) -> Iterator[Element]:
        """Every element, parents before their children."""
        def down(elements: list[Element]) -> Iterator[Element]:
            for element in elements:
                yield element
                yield from down(element.elements)
        for section in self.sections:
            yield from down(section.elements)

    def top(self) -> Iterator[Element]:
        """The elements at the standard's root, in reading order."""
        for section in self.sections:
            yield from section.elements

    def lists(self) -> dict[str, Element]:
        """The root elements that hold rows (`materials`, `steps`…), by key."""
        return {e.key: e for e in self.top() if e.kind == "list"}


INDEX = re.compile(r"\[\d+\]")
EMPTY = Layout(sections=[], yes_no=[])


class Reader:
    """Labels of a layout by path, in one language; a path the layout lacks shows as itself."""

    def __init__(self, layout: Layout, lang: str = "zh") -> None:
        self.layout, self.lang = layout, lang
        self.by_path = {e.path: e for e in layout.walk()}

    @property
    def sections(self) -> list[Section]:
        return self.layout.sections

    def element(self, path: str) -> Element | None:
        return self.by_path.get(INDEX.sub("", path))

    def label(self, path: str) -> str:
        """An element's label, or a section's (`limits`); the path itself when neither."""
        element = self.element(path)
        if element is not None:
            return element.label(self.lang)
        section = next((s for s in self.layout.sections if s.key == path), None)
        return section.label(self.lang) if section else path

    def help(self, path: str) -> str:
        element = self.element(path)
        return element.help(self.lang) if element and element.help else ""

    def choice(self, path: str, value: Any) -> str:
        """The name of a coded value (`matter_type`, "01" → 行政许可); yes/no for a boolean."""
        element = self.element(path)
        choices = element.choices if element and element.choices else self.layout.yes_no
        for choice in choices:
            if choice.value == value or str(choice.value) == str(value):
                return choice.label(self.lang)
        return "" if value is None else str(value)

    def choices(self, path: str) -> list[tuple[str, str]]:
        """(value as a form posts it, label) of a choice element."""
        element = self.element(path)
        return [(str(c.value), c.label(self.lang)) for c in (element.choices if element else [])]

    def row(self, path: str, n: int) -> str:
        """The label of row `n` (from 1) of a list: 材料 3."""
        element = self.element(path)
        if element is None or element.row is None:
            return f"{path} {n}"
        return element.row(self.lang).replace("{n}", str(n))

    def row_noun(self, path: str) -> str:
        """What one row of a list is (材料), to name the button that adds one."""
        noun = self.row(path, 0).replace(" 0", "").replace("0", "").strip()
        return noun[:1].lower() + noun[1:] if self.lang == "en" else noun

    def named(self, path: str, row: Any) -> str:
        """How one row of a list is named to a reader (a material by its name…)."""
        element = self.element(path)
        if not isinstance(row, dict):
            return str(row)
        keys = element.named_by if element else []
        return " ".join(str(row[k]) for k in keys if row.get(k)) or str(
            next((v for v in row.values() if isinstance(v, str) and v), ""))
