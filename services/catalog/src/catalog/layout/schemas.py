"""The layout as the API serves it: plain JSON, the same for every caller."""

from pydantic import BaseModel

from catalog.layout.choices import YES_NO
from catalog.layout.elements import SECTIONS
from catalog.layout.shape import Choice, Element, Kind, Section, Words


class WordsRead(BaseModel):
    zh: str
    en: str


class ChoiceRead(BaseModel):
    value: str | int | bool
    label: WordsRead


class ElementRead(BaseModel):
    """One element: `path` is dotted from the standard's root (`materials.name`)."""

    key: str
    path: str
    kind: Kind
    required: bool
    label: WordsRead
    help: WordsRead | None
    choices: list[ChoiceRead]
    row: WordsRead | None  # a list: the label of one row, "{n}" its number from 1
    named_by: list[str]  # a list: the elements that name one row to a reader
    elements: list["ElementRead"]


class SectionRead(BaseModel):
    key: str
    label: WordsRead
    elements: list[ElementRead]


class LayoutRead(BaseModel):
    """The matter standard's sections in reading order, and how a yes/no value is named."""

    sections: list[SectionRead]
    yes_no: list[ChoiceRead]


def _words(words: Words | None) -> WordsRead | None:
    return None if words is None else WordsRead(zh=words.zh, en=words.en)


def _choice(choice: Choice) -> ChoiceRead:
    return ChoiceRead(value=choice.value, label=WordsRead(zh=choice.label.zh, en=choice.label.en))


def _element(element: Element, prefix: str) -> ElementRead:
    path = f"{prefix}.{element.key}" if prefix else element.key
    return ElementRead(
        key=element.key, path=path, kind=element.kind, required=element.required,
        label=WordsRead(zh=element.label.zh, en=element.label.en), help=_words(element.help),
        choices=[_choice(c) for c in element.choices], row=_words(element.row),
        named_by=list(element.named_by),
        elements=[_element(child, path) for child in element.elements])


def _section(section: Section) -> SectionRead:
    return SectionRead(key=section.key, label=WordsRead(zh=section.label.zh, en=section.label.en),
                       elements=[_element(e, "") for e in section.elements])


def layout_read() -> LayoutRead:
    """The whole layout, ready to serve."""
    return LayoutRead(sections=[_section(s) for s in SECTIONS],
                      yes_no=[_choice(c) for c in YES_NO])
