"""The synonyms an administrator keeps: list, add, change, delete, each audited."""

from typing import Any

from sqlalchemy.orm import Session

from kit.audit import record
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Invalid, NotFound
from publish.models import audit
from publish.search import repository, text
from publish.search.models import SearchSynonym
from publish.search.schemas import SynonymIn, SynonymList, SynonymRead

ENTITY = "search_synonym"


def listed(*, session: Session) -> SynonymList:
    """Every synonym, by term."""
    return SynonymList(items=[_read(s) for s in repository.synonyms(session=session)])


def add(*, session: Session, synonym: SynonymIn, actor: Principal) -> SynonymRead:
    """Keep a new synonym; 409 when its word already has one."""
    _check(session, synonym, None)
    row = SearchSynonym(term=synonym.term, targets=synonym.targets, updated_at=now())
    session.add(row)
    session.flush()
    _audit(session, actor, "search_synonym.added", row, None, _state(row))
    return _read(row)


def change(*, session: Session, synonym_id: int, synonym: SynonymIn,
           actor: Principal) -> SynonymRead:
    """Change a synonym's word or the words it means."""
    row = _found(session, synonym_id)
    _check(session, synonym, row)
    before = _state(row)
    row.term, row.targets, row.updated_at = synonym.term, synonym.targets, now()
    session.flush()
    _audit(session, actor, "search_synonym.changed", row, before, _state(row))
    return _read(row)


def delete(*, session: Session, synonym_id: int, actor: Principal) -> None:
    """Delete a synonym."""
    row = _found(session, synonym_id)
    before = _state(row)
    session.delete(row)
    session.flush()
    _audit(session, actor, "search_synonym.deleted", row, before, None)


def _found(session: Session, synonym_id: int) -> SearchSynonym:
    row = repository.synonym(session=session, synonym_id=synonym_id)
    if row is None:
        raise NotFound(f"No synonym {synonym_id}.")
    return row


def _check(session: Session, synonym: SynonymIn, row: SearchSynonym | None) -> None:
    term = text.fold(synonym.term)
    if term in {text.fold(t) for t in synonym.targets}:
        raise Invalid("A word cannot mean itself: leave it out of the words it means.")
    for other in repository.synonyms(session=session):
        if other is not row and text.fold(other.term) == term:
            raise Conflict(f"The word {synonym.term} already has a synonym ({other.id}).")


def _state(row: SearchSynonym) -> dict[str, Any]:
    return {"term": row.term, "targets": list(row.targets)}


def _audit(session: Session, actor: Principal, action: str, row: SearchSynonym,
           before: Any, after: Any) -> None:
    record(session, audit, actor=actor.sub, action=action, entity=ENTITY,
           entity_id=str(row.id), before=before, after=after)


def _read(row: SearchSynonym) -> SynonymRead:
    return SynonymRead(id=row.id or 0, term=row.term, targets=list(row.targets),
                       updated_at=row.updated_at)
