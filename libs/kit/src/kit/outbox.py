"""Transactional outbox, its relay, and the idempotent receiving side (the inbox)."""

import asyncio
import uuid
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

import httpx
import structlog
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
    update,
)
from sqlalchemy.orm import Session

from kit.auth import mint, service_principal
from kit.background import BackgroundLoop
from kit.clock import now
from kit.db import Database, UtcDateTime

log = structlog.get_logger()
MAX_BACKOFF_SECONDS = 60.0
# Refusals a later attempt may get past: timeout, conflict, too early, too many requests.
RETRYABLE_4XX = {408, 409, 425, 429}
# The destination is not there (unreachable, or its proxy says so): wait, never park for it.
DOWN = {502, 503, 504}
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


def backoff(attempts: int) -> timedelta:
    """How long to wait before the next attempt: doubling, at most a minute."""
    return timedelta(seconds=min(MAX_BACKOFF_SECONDS, 0.25 * 2 ** attempts))


def pending(outbox: Table) -> Any:
    """The rows the relay still has to deliver: not delivered, not parked."""
    return (outbox.c.delivered_at.is_(None)) & (outbox.c.parked_at.is_(None))


class Failure:
    """Why an attempt failed, and whether a later attempt could get through."""

    def __init__(self, error: str, *, status: int | None = None) -> None:
        self.error, self.status = error, status

    @property
    def hopeless(self) -> bool:
        """A 4xx no retry can fix: park the event at once."""
        return self.status is not None and 400 <= self.status < 500 \
            and self.status not in RETRYABLE_4XX

    @property
    def answered(self) -> bool:
        """The destination answered (it is up): the attempt counts towards parking."""
        return self.status is not None and self.status not in DOWN


class OutboxRelay(BackgroundLoop):
    """Delivers pending outbox rows over REST, in order per destination, with backoff; parks an
    event the destination refuses for good, or after `max_attempts` answered failures."""

    def __init__(self, *, db: Database, outbox: Table, source: str,
                 destinations: Callable[[str], str], client: httpx.AsyncClient, secret: str,
                 interval: float = 0.5, max_attempts: int = 10,
                 parked: ParkedHandlers | None = None) -> None:
        super().__init__(interval)
        self.name = f"outbox-relay-{source}"
        self.db, self.outbox, self.source = db, outbox, source
        self.destinations, self.client, self.secret = destinations, client, secret
        self.max_attempts, self.parked = max_attempts, parked or {}

    async def round(self) -> None:
        await self.deliver_due()

    def _due(self) -> list[Any]:
        o = self.outbox
        with self.db.session(write=False) as s:
            return list(s.execute(
                select(o).where(pending(o), o.c.next_attempt_at <= now())
                .order_by(o.c.created_at, o.c.id).limit(100)))

    def _mark(self, row_id: str, **values: Any) -> None:
        with self.db.session() as s:
            s.execute(update(self.outbox).where(self.outbox.c.id == row_id).values(**values))

    def _park(self, row: Any, error: str) -> None:
        """Park the row and let the emitting part react, in one transaction."""
        values = {"parked_at": now(), "attempts": row.attempts + 1, "last_error": error}
        handler = self.parked.get(row.type)
        try:
            with self.db.session() as s:
                s.execute(update(self.outbox).where(self.outbox.c.id == row.id).values(**values))
                if handler is not None:
                    handler(session=s, payload=row.payload, destination=row.destination,
                            error=error)
        except Exception as exc:  # parked all the same: a jammed relay is worse
            log.error("outbox_parked_handler_failed", event_type=row.type, error=repr(exc))
            self._mark(row.id, **values)
        log.warning("outbox_event_parked", event_id=row.event_id, event_type=row.type,
                    destination=row.destination, error=error[:300])

    async def deliver_due(self) -> int:
        """Deliver what is due now; return how many rows were delivered."""
        rows = await asyncio.to_thread(self._due)
        blocked: set[str] = set()
        delivered = 0
        for row in rows:
            if row.destination in blocked:
                continue  # keep per-destination order: retry the failed one first
            failure = await self._post(row)
            if failure is None:
                await asyncio.to_thread(self._mark, row.id, delivered_at=now(), last_error=None)
                delivered += 1
            elif failure.hopeless or (failure.answered
                                      and row.attempts + 1 >= self.max_attempts):
                await asyncio.to_thread(self._park, row, failure.error[:2000])
            else:
                blocked.add(row.destination)
                await asyncio.to_thread(
                    self._mark, row.id, attempts=row.attempts + 1,
                    last_error=failure.error[:2000],
                    next_attempt_at=now() + backoff(row.attempts + 1))
        return delivered

    async def _post(self, row: Any) -> Failure | None:
        token = mint(service_principal(self.source), self.secret)
        envelope = {"id": row.event_id, "type": row.type, "source": self.source,
                    "occurred_at": row.created_at.isoformat(), "payload": row.payload}
        try:
            response = await self.client.post(
                self.destinations(row.destination) + "/internal/events", json=envelope,
                headers={"Authorization": f"Bearer {token}"})
        except httpx.HTTPError as exc:
            return Failure(f"{type(exc).__name__}: {exc}")
        if response.status_code >= 300:
            return Failure(f"HTTP {response.status_code}: {response.text[:1500]}",
                           status=response.status_code)
        return None
