"""Elements of the layout by their path (`channels.online_depth`, `materials.name`)."""

from collections.abc import Iterator
from typing import Any

from catalog.layout.elements import SECTIONS
from catalog.layout.shape import Element


def walk(elements: tuple[Element, ...], prefix: str = "") -> Iterator[tuple[str, Element]]:
    """Every element under `elements` with its dotted path, parents before their children."""
    for element in elements:
        path = f"{prefix}.{element.key}" if prefix else element.key
        yield path, element
        yield from walk(element.elements, path)


ELEMENTS: dict[str, Element] = {path: element for section in SECTIONS
                                for path, element in walk(section.elements)}


def element(path: str) -> Element:
    """The element at a dotted path; KeyError when the standard has none."""
    return ELEMENTS[path]


def choice_labels(path: str, language: str = "zh") -> dict[Any, str]:
    """The values of a choice element, each with its label in `language` (zh or en)."""
    return {c.value: getattr(c.label, language) for c in element(path).choices}
