"""Search's queries: candidates through the term index, statistics for BM25, synonyms."""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from publish.search.models import SearchDocument, SearchSynonym, SearchTerm

CODE = col(SearchDocument.implementation_code)


def candidates(*, session: Session, terms: Collection[str], code: str,
               phrase: str) -> Sequence[SearchDocument]:
    """The matters holding any of `terms` (through the index), a code holding `code`, or a
    name holding `phrase`."""
    matched: list[Any] = []
    if terms:
        matched.append(CODE.in_(select(col(SearchTerm.implementation_code))
                                .where(col(SearchTerm.term).in_(sorted(terms)))))
    if len(code) >= 3:
        matched.append(col(SearchDocument.codes).contains(code, autoescape=True))
    if phrase:
        matched.append(col(SearchDocument.name).contains(phrase, autoescape=True))
    if not matched:
        return []
    return session.scalars(select(SearchDocument).where(or_(*matched)).order_by(CODE)).all()


def frequencies(*, session: Session, terms: Collection[str]) -> dict[str, int]:
    """How many matters hold each of `terms`."""
    if not terms:
        return {}
    rows = session.execute(select(col(SearchTerm.term), func.count())
                           .where(col(SearchTerm.term).in_(sorted(terms)))
                           .group_by(col(SearchTerm.term)))
    return {term: count for term, count in rows}


def size(*, session: Session) -> tuple[int, float]:
    """The number of indexed matters and their average weighted length."""
    count, average = session.execute(select(func.count(), func.avg(col(SearchDocument.length)))
                                     ).one()
    return int(count or 0), float(average or 0.0)


def synonyms(*, session: Session) -> Sequence[SearchSynonym]:
    """Every synonym, by term."""
    return session.scalars(select(SearchSynonym).order_by(col(SearchSynonym.term))).all()


def synonym(*, session: Session, synonym_id: int) -> SearchSynonym | None:
    """One synonym by id."""
    return session.get(SearchSynonym, synonym_id)


def synonym_named(*, session: Session, term: str) -> SearchSynonym | None:
    """The synonym of `term`, if any."""
    return session.scalars(select(SearchSynonym).where(col(SearchSynonym.term) == term)).first()
