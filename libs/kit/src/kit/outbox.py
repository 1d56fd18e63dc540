"""Transactional outbox, its relay, and the idempotent receiving side (the inbox)."""

import asyncio
import uuid
from collections.abc import Callable
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


class OutboxRelay(BackgroundLoop):
    """Delivers pending outbox rows over REST, in order per destination, with backoff."""

    def __init__(self, *, db: Database, outbox: Table, source: str,
                 destinations: Callable[[str], str], client: httpx.AsyncClient, secret: str,
                 interval: float = 0.5) -> None:
        super().__init__(interval)
        self.name = f"outbox-relay-{source}"
        self.db, self.outbox, self.source = db, outbox, source
        self.destinations, self.client, self.secret = destinations, client, secret

    async def round(self) -> None:
        await self.deliver_due()

    def _due(self) -> list[Any]:
        o = self.outbox
        with self.db.session(write=False) as s:
            return list(s.execute(
                select(o).where(o.c.delivered_at.is_(None), o.c.next_attempt_at <= now())
                .order_by(o.c.created_at, o.c.id).limit(100)))

    def _mark(self, row_id: str, **values: Any) -> None:
        with self.db.session() as s:
            s.execute(update(self.outbox).where(self.outbox.c.id == row_id).values(**values))

    async def deliver_due(self) -> int:
        """Deliver what is due now; return how many rows were delivered."""
        rows = await asyncio.to_thread(self._due)
        blocked: set[str] = set()
        delivered = 0
        for row in rows:
            if row.destination in blocked:
                continue  # keep per-destination order: retry the failed one first
            error = await self._post(row)
            if error is None:
                await asyncio.to_thread(self._mark, row.id, delivered_at=now(), last_error=None)
                delivered += 1
            else:
                blocked.add(row.destination)
                await asyncio.to_thread(
                    self._mark, row.id, attempts=row.attempts + 1, last_error=error[:2000],
                    next_attempt_at=now() + backoff(row.attempts + 1))
        return delivered

    async def _post(self, row: Any) -> str | None:
        token = mint(service_principal(self.source), self.secret)
        envelope = {"id": row.event_id, "type": row.type, "source": self.source,
                    "occurred_at": row.created_at.isoformat(), "payload": row.payload}
        try:
            response = await self.client.post(
                self.destinations(row.destination) + "/internal/events", json=envelope,
                headers={"Authorization": f"Bearer {token}"})
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        if response.status_code >= 300:
            return f"HTTP {response.status_code}: {response.text[:500]}"
        return None
