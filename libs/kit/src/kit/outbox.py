"""Transactional outbox and the idempotent receiving side (the inbox); `kit.relay` delivers."""

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
)
from sqlalchemy.orm import Session

from kit.clock import now
from kit.db import UtcDateTime

# What the emitting part does when one of its events is parked, in the parking transaction:
# `handler(*, session, payload, destination, error)`, by event type.
ParkedHandlers = Mapping[str, Callable[..., None]]


def outbox_table(metadata: MetaData) -> Table:
    """The outbox of one part: one row per event and destination."""
    return Table(
        "outbox_event", metadata,
        Column("id", String(36), primary_key=True),
        Column("event_id", String(36), nullable=False),
        Column("destination", String(40), nullable=False),
        Column("type", String(80), nullable=False),
        Column("payload", JSON, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
        Column("attempts", Integer, nullable=False, default=0),
        Column("next_attempt_at", UtcDateTime(), nullable=False),
        Column("delivered_at", UtcDateTime()),
        Column("last_error", Text),
        # Parked (a dead letter): refused for good, or failing after the allowed attempts. The
        # relay passes it by until an administrator retries it (parked_at cleared) or discards it.
        Column("parked_at", UtcDateTime()),
        Index("ix_outbox_event_pending", "delivered_at", "next_attempt_at"),
    )


def inbox_table(metadata: MetaData) -> Table:
    """The ids of events a part has applied, so a redelivery changes nothing."""
    return Table(
        "inbox_event", metadata,
        Column("event_id", String(36), primary_key=True),
        Column("type", String(80), nullable=False),
        Column("received_at", UtcDateTime(), nullable=False),
    )


def emit(session: Session, outbox: Table, *, event_type: str, payload: dict[str, Any],
         destinations: list[str]) -> str:
    """Write an event for each destination in the caller's transaction; return its id."""
    event_id = str(uuid.uuid4())
    at = now()
    for destination in destinations:
        session.execute(insert(outbox).values(
            id=str(uuid.uuid4()), event_id=event_id, destination=destination, type=event_type,
            payload=payload, created_at=at, attempts=0, next_attempt_at=at))
    return event_id


def first_delivery(session: Session, inbox: Table, *, event_id: str, event_type: str) -> bool:
    """Record `event_id` as applied in the caller's transaction; False when it already was."""
    seen = session.execute(select(inbox.c.event_id).where(inbox.c.event_id == event_id)).first()
    if seen:
        return False
    session.execute(insert(inbox).values(event_id=event_id, type=event_type, received_at=now()))
    return True


def pending(outbox: Table) -> Any:
    """The rows the relay still has to deliver: not delivered, not parked."""
    return (outbox.c.delivered_at.is_(None)) & (outbox.c.parked_at.is_(None))
