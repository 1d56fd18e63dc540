"""Search the published matters: ranked codes for the lists (`matching_codes`), the public
search with its did-you-mean, and the synonyms that widen a visitor's words."""

import difflib
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from publish.models import PublicMatter
from publish.schemas import DepartmentRef
from publish.search import index, rank, repository, text
from publish.search.models import SearchSynonym
from publish.search.schemas import SearchAnswer, SearchHit

SYNONYM_WEIGHT = 0.9  # a matter found through a synonym ranks just below one found by the word
LIMIT = 500  # the most codes a query answers (the lists page through them)
SUGGESTIONS = 3
_learned: set[str] = set()  # the databases whose matter names the dictionary already holds


def learn_names(session: Session) -> None:
    """Teach the dictionary this database's matter names, once per process and database."""
    key = str(session.get_bind().engine.url)
    if key not in _learned:
        text.learn(index.names(session=session))
        _learned.add(key)


def variants(q: str, synonyms: Sequence[SearchSynonym]) -> list[tuple[str, float]]:
    """The query, and the query with each synonym it holds replaced by each word it means."""
    joined = rank.parse(q).joined
    found = [(q, 1.0)]
    for synonym in synonyms:
        term = "".join(text.parts(synonym.term))
        if term and term in joined:
            found += [(joined.replace(term, f" {target} "), SYNONYM_WEIGHT)
                      for target in synonym.targets]
    return found


def scored(*, session: Session, q: str, weight: float) -> dict[str, float]:
    """The matters answering one query with their relevance, times `weight`."""
    query = rank.parse(q)
    terms = {*query.terms, *query.bonus}
    docs = repository.candidates(session=session, terms=terms, code=query.code,
                                 phrase=query.joined)
    if not docs:
        return {}
    n, average = repository.size(session=session)
    df = repository.frequencies(session=session, terms=terms)
    return {code: s * weight for code, s in rank.ranked(list(docs), query, df, n, average)}


def matching_codes(*, session: Session, q: str) -> list[str]:
    """The implementation codes of the matters answering `q`, most relevant first."""
    if not "".join(text.parts(q)):
        return []
    learn_names(session)
    best: dict[str, float] = {}
    for variant, weight in variants(q, repository.synonyms(session=session)):
        for code, relevance in scored(session=session, q=variant, weight=weight).items():
            best[code] = max(relevance, best.get(code, 0.0))
    return sorted(best, key=lambda code: (-best[code], code))[:LIMIT]


def did_you_mean(*, session: Session, q: str) -> list[str]:
    """The closest matter names and dictionary words that find something."""
    joined = "".join(text.parts(q))
    if not joined:
        return []
    words = {*index.names(session=session), *text.DOMAIN_WORDS, *text.learned(),
             *(s.term for s in repository.synonyms(session=session))}
    close = difflib.get_close_matches(joined, sorted(words), n=10, cutoff=0.5)
    return [w for w in close if w != joined and matching_codes(session=session, q=w)
            ][:SUGGESTIONS]


def search(*, session: Session, q: str, page: int, size: int) -> SearchAnswer:
    """One page of the matters answering `q`, and suggestions when none does."""
    codes = matching_codes(session=session, q=q)
    shown = codes[(page - 1) * size:page * size]
    rows = {r.implementation_code: r for r in session.scalars(
        select(PublicMatter).where(col(PublicMatter.implementation_code).in_(shown)))}
    items = [_hit(rows[c]) for c in shown if c in rows]
    suggestions = [] if codes else did_you_mean(session=session, q=q)
    return SearchAnswer(q=q, items=items, total=len(codes), page=page, size=size,
                        did_you_mean=suggestions)


def _hit(row: PublicMatter) -> SearchHit:
    basic = row.document.get("basic_code")
    return SearchHit(implementation_code=row.implementation_code,
                     basic_code=basic if isinstance(basic, str) else None, name=row.name,
                     matter_type=row.matter_type,
                     department=DepartmentRef(code=row.department_code,
                                              name=row.department_name),
                     window=row.window, online=row.online)
