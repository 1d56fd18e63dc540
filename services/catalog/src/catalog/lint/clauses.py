"""Where clauses hide and how one is recognised: every free-text element of a standard, and
the phrase lists and built-in patterns of the catch-all and vague clause rules over each."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from catalog.layout.elements import SECTIONS
from catalog.layout.shape import Element, Kind
from catalog.lint.patterns import CATCH_ALL, VAGUE, masked, pattern_match
from catalog.lint.phrases import TRAILING, PhraseBook, normalized

TEXT_KINDS = (Kind.TEXT, Kind.LONG_TEXT)
# Kinds whose texts are names of bodies or quotations of the law, never a department's clause.
NAMES = (Kind.CITATIONS, Kind.DEPARTMENT, Kind.DEPARTMENTS, Kind.WINDOW)
# Text elements (by layout path; a path covers what is under it) that are no clause: codes,
# the matter's name (from the basic catalog), the provisions quoted from the law, file names
# or addresses, the result's classification (证照 / 批文 / 其他) and contact details.
NOT_CLAUSES = frozenset({
    "implementation_code", "basic_code", "handling_item_code", "derived_from", "name",
    "legal_basis", "materials.blank_form", "materials.sample", "result.type", "consultation",
    "complaint",
})
LABELS = {CATCH_ALL: "catch_all", VAGUE: "vague"}


@dataclass(frozen=True)
class Clause:
    """A clause found in a text: its rule, the words that made it one, and by what."""

    rule: str
    wording: str
    by: str  # "phrase" (an administrator's list) or a built-in pattern's code
    at_end: bool = False  # a list closed by 等 (an ends_with phrase or the open-list pattern)


def text_elements() -> Iterator[tuple[str, bool]]:
    """(layout path, scanned?) of every text element of the standard, in layout order."""
    for section in SECTIONS:
        yield from _text_elements(section.elements, "", scanned=True)


def _text_elements(elements: tuple[Element, ...], prefix: str, *, scanned: bool
                   ) -> Iterator[tuple[str, bool]]:
    for element in elements:
        path = f"{prefix}.{element.key}" if prefix else element.key
        here = scanned and path not in NOT_CLAUSES and element.kind not in NAMES
        if element.kind in TEXT_KINDS:
            yield path, here
        yield from _text_elements(element.elements, path, scanned=here)


def clause_texts(standard: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(path, text) of every free text a department writes, e.g. (`materials[2].notes`, …).

    Walks the layout, so a text element added to the standard is scanned without a change
    here. A contract document's plain-string conditions are `conditions[1]`.
    """
    for section in SECTIONS:
        yield from _texts(section.elements, standard, "", "")


def _texts(elements: tuple[Element, ...], value: dict[str, Any], layout: str,
           path: str) -> Iterator[tuple[str, str]]:
    for element in elements:
        here = f"{layout}.{element.key}" if layout else element.key
        at = f"{path}.{element.key}" if path else element.key
        child = value.get(element.key)
        if here in NOT_CLAUSES or element.kind in NAMES:
            continue
        if element.kind in TEXT_KINDS and isinstance(child, str) and child.strip():
            yield at, child
        elif element.kind == Kind.OBJECT and isinstance(child, dict):
            yield from _texts(element.elements, child, here, at)
        elif element.kind == Kind.LIST and isinstance(child, list):
            yield from _rows(element, child, here, at)


def _rows(element: Element, rows: list[Any], layout: str, path: str
          ) -> Iterator[tuple[str, str]]:
    """The rows of a list; a row given as a bare string is the element that names it."""
    for i, row in enumerate(rows):
        if isinstance(row, dict):
            yield from _texts(element.elements, row, layout, f"{path}[{i}]")
        elif isinstance(row, str) and row.strip() and len(element.named_by) == 1:
            yield f"{path}[{i}]", row


def prepared(text: str) -> str:
    """The text as the clause rules read it: normalized, titles and ordinary words blanked."""
    return masked(normalized(text))


def find(book: PhraseBook, rule: str, text: str) -> Clause | None:
    """The first phrase, then the first built-in pattern, of `rule` that finds a clause."""
    subject = prepared(text)
    for phrase in book.of(rule):
        if phrase.found_in(subject):
            return Clause(rule, normalized(phrase.phrase), "phrase",
                          phrase.match_kind == "ends_with")
    if not book.patterns_of(rule):
        return None
    if found := pattern_match(rule, subject.rstrip(TRAILING)):
        pattern, wording = found
        return Clause(rule, wording, pattern.code, wording == "等")
    return None


def clause(book: PhraseBook, text: str) -> Clause | None:
    """The clause in `text`: a catch-all first (it is not reported again as vague)."""
    return find(book, CATCH_ALL, text) or find(book, VAGUE, text)


def classify(text: str, book: PhraseBook | None = None) -> str:
    """`catch_all`, `vague` or `clean`: the label the labelled set gives a clause."""
    found = clause(book if book is not None else PhraseBook.defaults(), text)
    return LABELS[found.rule] if found else "clean"
