"""The audit trail: every state change records who, when, what, before and after."""

from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Integer, MetaData, String, Table, insert
from sqlalchemy.orm import Session

from kit.clock import now
from kit.db import UtcDateTime


def audit_table(metadata: MetaData) -> Table:
    """The audit entries of one part."""
    return Table(
        "audit_entry", metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
               autoincrement=True),
        Column("at", UtcDateTime(), nullable=False),
        Column("actor", String(120), nullable=False),
        Column("action", String(80), nullable=False),
        Column("entity", String(80), nullable=False),
        Column("entity_id", String(120), nullable=False),
        Column("before", JSON),
        Column("after", JSON),
    )


def record(session: Session, audit: Table, *, actor: str, action: str, entity: str,
           entity_id: str, before: Any = None, after: Any = None) -> None:
    """Add an audit entry in the caller's transaction."""
    session.execute(insert(audit).values(at=now(), actor=actor, action=action, entity=entity,
                                         entity_id=entity_id, before=before, after=after))
