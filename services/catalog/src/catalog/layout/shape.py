"""What a layout is made of: sections of elements, each with its kind, labels and choices."""

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    """How an element holds its value, and so how a page or a cell shows and reads it."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"
    CHOICE = "choice"
    MULTIPLE_CHOICE = "multiple_choice"
    CITATIONS = "citations"  # provisions of the matter's legal basis that the element cites
    WINDOW = "window"  # a window of the service hall, by its code
    DEPARTMENT = "department"  # an implementing department: its code and name
    DEPARTMENTS = "departments"  # several departments, one row each
    OBJECT = "object"  # a group of elements
    LIST = "list"  # rows of the same elements


class Words(NamedTuple):
    """The same words in Chinese (the first language) and in English."""

    zh: str
    en: str


@dataclass(frozen=True)
class Choice:
    """One value a choice accepts and how it is named."""

    value: str | int | bool
    label: Words


@dataclass(frozen=True)
class Element:
    """One element of the standard; an object or a list holds its own `elements`."""

    key: str
    kind: Kind
    label: Words
    required: bool = False  # the standard refuses a version without it (a list: without a row)
    help: Words | None = None
    choices: tuple[Choice, ...] = ()
    elements: tuple["Element", ...] = ()
    row: Words | None = None  # a list: the label of one row, "材料 {n}"
    named_by: tuple[str, ...] = ()  # a list: the elements that name one row to a reader

    @property
    def is_list(self) -> bool:
        return self.kind in (Kind.LIST, Kind.DEPARTMENTS)


@dataclass(frozen=True)
class Section:
    """Elements a reader meets together, under one heading."""

    key: str
    label: Words
    elements: tuple[Element, ...]


def choices(*rows: tuple[str | int | bool, str, str]) -> tuple[Choice, ...]:
    """Choices from (value, Chinese label, English label) rows."""
    return tuple(Choice(value, Words(zh, en)) for value, zh, en in rows)
