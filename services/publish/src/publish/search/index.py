"""Keep search's tables in step with the lists: a matter's terms when it is published, none
when it is cancelled."""

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlmodel import col

from publish.search import text
from publish.search.models import SearchDocument, SearchTerm

# How much a term counts by where it stands: the name above the result, above the rest.
WEIGHTS = {"name": 3.0, "result": 2.0, "codes": 2.0, "other": 1.0}
TERM = 50  # the longest term kept (SearchTerm.term)


def fields(document: dict[str, Any], department_name: str) -> dict[str, list[str]]:
    """The texts of a matter document search reads, by field."""
    result = document.get("result") or {}
    others = [department_name]
    others += [m.get("name", "") for m in document.get("materials") or [] if isinstance(m, dict)]
    others += [b.get("law", "") for b in document.get("legal_basis") or [] if isinstance(b, dict)]
    return {"name": [str(document.get("name", ""))],
            "result": [str(result.get("name", "")) if isinstance(result, dict) else ""],
            "codes": [str(document.get(k) or "") for k in
                      ("implementation_code", "basic_code", "handling_item_code")],
            "other": [str(o) for o in others]}


def weighted_terms(by_field: dict[str, list[str]]) -> dict[str, float]:
    """Each term's count, weighted by the field it stands in."""
    counts: dict[str, float] = defaultdict(float)
    for field, texts in by_field.items():
        for piece in texts:
            for term in text.terms(piece):
                if len(term) <= TERM:
                    counts[term] += WEIGHTS[field]
    return counts


def index(*, session: Session, document: dict[str, Any], department_name: str) -> None:
    """(Re)write the search entry of one published matter."""
    code = str(document["implementation_code"])
    by_field = fields(document, department_name)
    text.learn([*by_field["name"], *by_field["result"]])
    counts = weighted_terms(by_field)
    drop(session=session, code=code)
    session.add(SearchDocument(
        implementation_code=code, name=text.fold(by_field["name"][0]),
        result_name=text.fold(by_field["result"][0]),
        codes=" ".join(text.compact(c) for c in by_field["codes"] if c),
        terms=dict(counts), length=sum(counts.values())))
    session.add_all([SearchTerm(term=t, implementation_code=code) for t in counts])
    session.flush()


def drop(*, session: Session, code: str) -> None:
    """Take a matter out of search."""
    session.execute(delete(SearchTerm).where(col(SearchTerm.implementation_code) == code))
    session.execute(delete(SearchDocument)
                    .where(col(SearchDocument.implementation_code) == code))


def names(*, session: Session) -> list[str]:
    """Every indexed matter's name and result name (the dictionary's source)."""
    rows = session.execute(select(col(SearchDocument.name), col(SearchDocument.result_name)))
    return [n for row in rows for n in row if n]
