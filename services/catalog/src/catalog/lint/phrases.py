"""The phrase lists of the clause rules: data an administrator edits, read on every lint."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.lint.models import LintPhrase
from catalog.lint.patterns import BLANK, CATCH_ALL, PATTERNS, VAGUE, Pattern, negated, relieved
from catalog.models import audit
from kit.audit import record
from kit.errors import Invalid

PHRASE_RULES = (CATCH_ALL, VAGUE)
MATCH_KINDS = ("contains", "ends_with")
MAX_PHRASES = 200
# What a fresh database starts with (the migration seeds the same list).
DEFAULT_PHRASES: dict[str, list[tuple[str, str]]] = {
    CATCH_ALL: [("其他材料", "contains"), ("其它材料", "contains"),
                ("其他相关材料", "contains"), ("其他有关材料", "contains"),
                ("其他证明材料", "contains"), ("其他必要材料", "contains"),
                ("有关部门要求的其他", "contains"), ("要求提供的其他", "contains"),
                ("等其他", "contains")],
    VAGUE: [("相关证明", "contains"), ("相关材料", "contains"), ("有关材料", "contains"),
            ("必要的材料", "contains"), ("原则上", "contains"), ("视情况", "contains"),
            ("酌情", "contains"), ("必要时", "contains"), ("等", "ends_with")],
}
# Punctuation after the last word of an item does not hide a trailing 等.
TRAILING = " \t\r\n。.,，、;；:：!！?？)）]】」』\"'”’"


def normalized(text: str) -> str:
    """Text as matched: full-width forms folded (NFKC) and every space removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Phrase:
    """One phrase and how it matches: anywhere in the text, or at the end of a list item."""

    phrase: str
    match_kind: str

    def found_in(self, text: str) -> bool:
        """Whether the phrase is in `text` (normalized and masked, see `catalog.lint.patterns`)
        other than inside a title or an ordinary word, after a negation or in a sentence that
        says the thing need not be brought."""
        wanted = normalized(self.phrase)
        if not wanted or BLANK in wanted:
            return False
        if self.match_kind == "ends_with":
            subject = text.rstrip(TRAILING)
            return subject.endswith(wanted) and not negated(subject, len(subject) - len(wanted))
        start = text.find(wanted)
        while start >= 0:
            if not negated(text, start) and not relieved(text, start + len(wanted)):
                return True
            start = text.find(wanted, start + 1)
        return False


class PhraseBook:
    """The phrases of each clause rule, and the built-in patterns matched beside them.

    A book built by hand holds exactly what it is given; `defaults()` and `load_phrases` add
    the built-in `PATTERNS`, which no phrase list switches off.
    """

    def __init__(self, phrases: dict[str, list[Phrase]],
                 patterns: tuple[Pattern, ...] = ()) -> None:
        self.phrases = phrases
        self.patterns = patterns

    @classmethod
    def defaults(cls) -> "PhraseBook":
        """The lists a fresh database is seeded with, and the built-in patterns."""
        return cls({rule: [Phrase(p, k) for p, k in entries]
                    for rule, entries in DEFAULT_PHRASES.items()}, PATTERNS)

    def of(self, rule: str) -> list[Phrase]:
        return self.phrases.get(rule, [])

    def patterns_of(self, rule: str) -> list[Pattern]:
        return [p for p in self.patterns if p.rule == rule]


def load_phrases(*, session: Session) -> PhraseBook:
    """The phrase lists as the administrator left them."""
    rows = session.scalars(select(LintPhrase).order_by(col(LintPhrase.rule), col(LintPhrase.id)))
    book: dict[str, list[Phrase]] = {rule: [] for rule in PHRASE_RULES}
    for row in rows:
        book.setdefault(row.rule, []).append(Phrase(row.phrase, row.match_kind))
    return PhraseBook(book, PATTERNS)


def _problems(rule: str, entries: list[tuple[str, str]]) -> list[dict[str, Any]]:
    if rule not in PHRASE_RULES:
        return [{"loc": ["body", "rule"], "msg": f"rule must be one of {', '.join(PHRASE_RULES)}"}]
    problems, seen = [], set()
    for i, (phrase, kind) in enumerate(entries):
        loc = ["body", "phrases", i, "phrase"]
        if not normalized(phrase):
            problems.append({"loc": loc, "msg": "a phrase needs at least one visible character"})
        elif kind == "contains" and len(normalized(phrase)) < 2:
            problems.append({"loc": loc, "msg": "a one-character phrase matches inside words; "
                                                "use match_kind ends_with"})
        if (normalized(phrase), kind) in seen:
            problems.append({"loc": loc, "msg": "duplicate phrase"})
        seen.add((normalized(phrase), kind))
    return problems


def replace_phrases(*, session: Session, rule: str, entries: Iterable[tuple[str, str]],
                    actor: str) -> PhraseBook:
    """Replace one rule's list (validated, audited); the new book."""
    entries = [(phrase.strip(), kind) for phrase, kind in entries]
    if problems := _problems(rule, entries):
        raise Invalid("The phrase list was not saved.", errors=problems)
    before = [(p.phrase, p.match_kind) for p in load_phrases(session=session).of(rule)]
    session.execute(delete(LintPhrase).where(col(LintPhrase.rule) == rule))
    session.add_all([LintPhrase(rule=rule, phrase=p, match_kind=k) for p, k in entries])
    session.flush()
    record(session, audit, actor=actor, action="lint_phrases.replaced", entity="lint_phrase",
           entity_id=rule, before=[list(e) for e in before], after=[list(e) for e in entries])
    return load_phrases(session=session)


def seed_default_phrases(*, session: Session) -> None:
    """Put the default lists back (used where the tables were emptied, e.g. tests)."""
    session.execute(delete(LintPhrase))
    session.add_all([LintPhrase(rule=rule, phrase=p, match_kind=k)
                     for rule, entries in DEFAULT_PHRASES.items() for p, k in entries])
    session.flush()
