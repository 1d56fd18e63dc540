"""Dead letters: the events a part's relay parked, for the administrator to retry or discard."""

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel
from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from kit.app import SessionDep
from kit.audit import record
from kit.auth import Principal, require
from kit.clock import now
from kit.errors import NotFound

# Who looks after the platform's plumbing.
OPERATORS = ("admin",)


class DeadLetter(BaseModel):
    """One parked event: what, for whom, since when, and the destination's last answer."""

    id: uuid.UUID
    event_id: str
    type: str
    destination: str
    created_at: datetime
    parked_at: datetime
    attempts: int
    last_error: str | None
    payload: dict[str, Any]


def parked(outbox: Table) -> Any:
    """The condition of a dead letter."""
    return outbox.c.parked_at.is_not(None) & outbox.c.delivered_at.is_(None)


def dead_letters(*, session: Session, outbox: Table) -> list[DeadLetter]:
    """Every parked event of the part, oldest first."""
    rows = session.execute(select(outbox).where(parked(outbox))
                           .order_by(outbox.c.parked_at, outbox.c.id)).mappings()
    return [DeadLetter.model_validate(dict(row)) for row in rows]


def count(*, session: Session, outbox: Table) -> int:
    """How many events are parked."""
    return int(session.execute(select(func.count()).where(parked(outbox))).scalar_one())


def _find(session: Session, outbox: Table, letter_id: uuid.UUID) -> Any:
    row = session.execute(select(outbox).where(outbox.c.id == str(letter_id), parked(outbox))
                          .with_for_update()).first()
    if row is None:
        raise NotFound("No such dead letter.")
    return row


def retry(*, session: Session, outbox: Table, audit: Table, letter_id: uuid.UUID,
          actor: Principal) -> None:
    """Send a parked event again, from a fresh count of attempts."""
    row = _find(session, outbox, letter_id)
    session.execute(update(outbox).where(outbox.c.id == row.id).values(
        parked_at=None, attempts=0, next_attempt_at=now()))
    record(session, audit, actor=actor.sub, action="dead_letter.retried", entity="outbox_event",
           entity_id=row.id, before={"last_error": row.last_error}, after={"type": row.type})


def discard(*, session: Session, outbox: Table, audit: Table, letter_id: uuid.UUID,
            actor: Principal) -> None:
    """Give a parked event up for good; the audit trail keeps what it carried."""
    row = _find(session, outbox, letter_id)
    session.execute(delete(outbox).where(outbox.c.id == row.id))
    record(session, audit, actor=actor.sub, action="dead_letter.discarded",
           entity="outbox_event", entity_id=row.id,
           before={"type": row.type, "destination": row.destination, "payload": row.payload,
                   "last_error": row.last_error})


def dead_letters_router(outbox: Table, audit: Table, prefix: str) -> APIRouter:
    """`GET {prefix}/admin/dead-letters`, `POST …/{id}/retry`, `DELETE …/{id}`: operators only."""
    router = APIRouter(prefix=f"{prefix}/admin/dead-letters", tags=["operations"])

    @router.get("", response_model=list[DeadLetter])
    def listed(session: SessionDep, _: Principal = require(*OPERATORS)) -> list[DeadLetter]:
        """The part's parked events, oldest first, each with its last error."""
        return dead_letters(session=session, outbox=outbox)

    @router.post("/{letter_id}/retry", status_code=204)
    def retried(letter_id: uuid.UUID, session: SessionDep,
                actor: Principal = require(*OPERATORS)) -> Response:
        """Send a parked event again (the relay picks it up at once)."""
        retry(session=session, outbox=outbox, audit=audit, letter_id=letter_id, actor=actor)
        return Response(status_code=204)

    @router.delete("/{letter_id}", status_code=204)
    def discarded(letter_id: uuid.UUID, session: SessionDep,
                  actor: Principal = require(*OPERATORS)) -> Response:
        """Give a parked event up for good (recorded in the audit trail)."""
        discard(session=session, outbox=outbox, audit=audit, letter_id=letter_id, actor=actor)
        return Response(status_code=204)

    return router
