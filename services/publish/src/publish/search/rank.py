"""Relevance: BM25 over the weighted terms, an exact code or name first, a code's part next;
a matter must hold most of what the query says (by weight) to be shown at all."""

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from publish.search import text
from publish.search.models import SearchDocument

K1, B = 1.2, 0.75
MIN_COVERAGE = 0.6  # the share (by idf) of the query's terms a matter must hold
RELATIVE = 0.5  # a result scoring below this share of the best one is noise
EXACT_CODE, CODE_END, CODE_PART = 1000.0, 200.0, 100.0
EXACT_NAME, NAME_PHRASE, RESULT_NAME = 500.0, 20.0, 30.0
# Words of a question that say nothing about which matter: 怎么办理营业执照 → 营业执照.
FILLERS = re.compile(r"怎么办|怎么|怎样|如何|我要|我想|想要|需要|什么|哪些|哪里|去哪|在哪|"
                     r"办理|申请|手续|流程|要求|请问|的|了|吗|呢")


@dataclass(frozen=True)
class Query:
    """A query as ranking reads it."""

    whole: str  # folded, spaces and punctuation out
    joined: str  # folded, fillers out, spaces and punctuation out
    code: str  # the query as a code (letters and digits), when it is written like one
    terms: Counter[str] = field(default_factory=Counter)  # every term, for relevance
    words: frozenset[str] = frozenset()  # the words a matter should hold most of (by idf)
    bonus: frozenset[str] = frozenset()  # words across the query's spaces (规划 许可 → 规划许可)


def parse(q: str) -> Query:
    """Fold, split at spaces and punctuation, drop fillers, cut into terms."""
    pieces = text.parts(q)
    joined = "".join(pieces)
    code = text.compact(joined) if joined.isascii() and any(c.isdigit() for c in joined) else ""
    kept = [word for piece in pieces for word in FILLERS.sub(" ", piece).split()]
    terms = Counter(t for piece in kept for t in set(text.terms(piece)))
    said = frozenset(w for piece in kept for w in text.words_of(piece)) or frozenset(terms)
    bonus = frozenset(text.terms("".join(kept))) - set(terms)
    return Query(whole=joined, joined="".join(kept) or joined, code=code, terms=terms,
                 words=said, bonus=bonus)


def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency; a term no matter holds counts as a rare one."""
    return math.log(1 + (n - max(df, 1) + 0.5) / (max(df, 1) + 0.5))


def code_bonus(doc: SearchDocument, code: str) -> float:
    """Exact code first, then a code that starts or ends with the query, then one holding it."""
    if len(code) < 3:
        return 0.0
    best = 0.0
    for own in doc.codes.split():
        if own == code:
            return EXACT_CODE
        if own.startswith(code) or own.endswith(code):
            best = max(best, CODE_END)
        elif code in own:
            best = max(best, CODE_PART)
    return best


def name_bonus(doc: SearchDocument, whole: str, joined: str) -> float:
    """The exact name first; the query as one phrase in the name or the result next."""
    if not joined:
        return 0.0
    if doc.name in (whole, joined):
        return EXACT_NAME
    bonus = NAME_PHRASE if len(joined) >= 2 and joined in doc.name else 0.0
    return bonus + (RESULT_NAME if doc.result_name == joined else 0.0)


def score(doc: SearchDocument, query: Query, df: dict[str, int], n: int,
          average: float) -> tuple[float, float]:
    """(relevance, coverage) of one matter for one query."""
    norm = K1 * (1 - B + B * doc.length / (average or 1.0))
    total = held = relevance = 0.0
    for term in {*query.terms, *query.words, *query.bonus}:
        weight = idf(df.get(term, 0), n)
        tf = float(doc.terms.get(term, 0.0))
        if term in query.words:
            total += weight
            held += weight if tf else 0.0
        relevance += weight * tf * (K1 + 1) / (tf + norm) if tf else 0.0
    coverage = held / total if total else 0.0
    bonus = code_bonus(doc, query.code) + name_bonus(doc, query.whole, query.joined)
    return relevance + bonus, (1.0 if bonus else coverage)


def ranked(docs: list[SearchDocument], query: Query, df: dict[str, int], n: int,
           average: float) -> list[tuple[str, float]]:
    """(code, relevance) of the matters that answer the query, best first."""
    scored = [(d.implementation_code, *score(d, query, df, n, average)) for d in docs]
    kept = [(code, s) for code, s, coverage in scored if coverage >= MIN_COVERAGE and s > 0]
    if not kept:
        return []
    top = max(s for _, s in kept)
    return sorted([(c, s) for c, s in kept if s >= RELATIVE * top], key=lambda p: (-p[1], p[0]))
