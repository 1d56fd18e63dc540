"""The outbox's relay: delivers each part's events to the parts they are for, in order per
destination, with backoff, parking what cannot be delivered; replicas share the work."""

import asyncio
import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import structlog
from sqlalchemy import Table, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kit.auth import minted, service_principal
from kit.background import BackgroundLoop
from kit.clock import now
from kit.db import Database, is_sqlite
from kit.outbox import ParkedHandlers, pending

log = structlog.get_logger()
MAX_BACKOFF_SECONDS = 60.0
# Refusals a later attempt may get past: timeout, conflict, too early, too many requests.
RETRYABLE_4XX = {408, 409, 425, 429}
# The destination is not there (unreachable, or its proxy says so): wait, never park for it.
DOWN = {502, 503, 504}
def backoff(attempts: int) -> timedelta:
    """How long to wait before the next attempt: doubling, at most a minute."""
    return timedelta(seconds=min(MAX_BACKOFF_SECONDS, 0.25 * 2 ** attempts))


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
    event the destination refuses for good, or after `max_attempts` answered failures.

    Destinations are served side by side, each in order, a batch at a time; what a batch did is
    written in one transaction. On PostgreSQL several replicas may relay the same outbox: a
    replica serves a destination only while it holds that destination's advisory lock, so one
    at a time does and its order holds. (Claiming rows with `FOR UPDATE SKIP LOCKED` alone
    would not keep it: a second replica would skip the locked head and send the rows behind.)
    """

    def __init__(self, *, db: Database, outbox: Table, source: str,
                 destinations: Callable[[str], str], client: httpx.AsyncClient, secret: str,
                 interval: float = 0.5, max_attempts: int = 10,
                 parked: ParkedHandlers | None = None) -> None:
        super().__init__(interval)
        self.name = f"outbox-relay-{source}"
        self.db, self.outbox, self.source = db, outbox, source
        self.destinations, self.client, self.secret = destinations, client, secret
        self.max_attempts, self.parked = max_attempts, parked or {}
        self.shared = not is_sqlite(db.url)

    async def round(self) -> None:
        await self.deliver_due()

    async def deliver_due(self) -> int:
        """Deliver what is due now; return how many rows were delivered."""
        destinations = await asyncio.to_thread(self._due_destinations)
        counts = await asyncio.gather(*(self._deliver_to(d) for d in destinations))
        return sum(counts)

    def _due_destinations(self) -> list[str]:
        o = self.outbox
        with self.db.session(write=False) as s:
            return list(s.scalars(select(o.c.destination).distinct()
                                  .where(pending(o), o.c.next_attempt_at <= now())))

    async def _deliver_to(self, destination: str) -> int:
        """One batch to one destination, in order: stop at the first failure that may pass
        later (the rows behind it wait for it), pass over the ones parked for good."""
        batch = await asyncio.to_thread(self._claim, destination)
        if batch is None:
            return 0  # another replica is serving this destination
        try:
            for row in batch.rows:
                failure = await self._post(row)
                if failure is None:
                    batch.delivered.append(row.id)
                elif failure.hopeless or (failure.answered
                                          and row.attempts + 1 >= self.max_attempts):
                    batch.parked.append((row, failure.error[:2000]))
                else:
                    batch.retry = (row, failure.error[:2000])
                    break
            await asyncio.to_thread(self._settle, batch)
        finally:
            await asyncio.to_thread(batch.close)
        return len(batch.delivered)

    def _claim(self, destination: str) -> "Batch | None":
        """The destination's due rows, oldest first; on PostgreSQL with the destination's lock
        held by a connection of its own until the batch is settled (None: another replica
        holds it). The lock is a session-level advisory lock, so no transaction stays open
        (and no table stays locked) while the events travel."""
        o = self.outbox
        due = (select(o).where(pending(o), o.c.destination == destination,
                               o.c.next_attempt_at <= now())
               .order_by(o.c.created_at, o.c.id).limit(BATCH))
        lock = None
        if self.shared:
            lock = DestinationLock(self.db, f"outbox:{self.source}:{destination}")
            if not lock.acquire():
                return None
        try:
            with self.db.session(write=False) as s:
                return Batch(list(s.execute(due)), lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def _settle(self, batch: "Batch") -> None:
        """Write what the batch did, in one transaction."""
        o = self.outbox
        with self.db.session() as s:
            if batch.delivered:
                s.execute(update(o).where(o.c.id.in_(batch.delivered))
                          .values(delivered_at=now(), last_error=None))
            for row, error in batch.parked:
                self._park(s, row, error)
            if batch.retry is not None:
                row, error = batch.retry
                s.execute(update(o).where(o.c.id == row.id).values(
                    attempts=row.attempts + 1, last_error=error,
                    next_attempt_at=now() + backoff(row.attempts + 1)))

    def _park(self, s: Session, row: Any, error: str) -> None:
        """Park the row and let the emitting part react (in a savepoint: a handler that fails
        leaves the row parked all the same, since a jammed relay is worse)."""
        s.execute(update(self.outbox).where(self.outbox.c.id == row.id).values(
            parked_at=now(), attempts=row.attempts + 1, last_error=error))
        handler = self.parked.get(row.type)
        if handler is not None:
            try:
                with s.begin_nested():
                    handler(session=s, payload=row.payload, destination=row.destination,
                            error=error)
            except Exception as exc:
                log.error("outbox_parked_handler_failed", event_type=row.type, error=repr(exc))
        log.warning("outbox_event_parked", event_id=row.event_id, event_type=row.type,
                    destination=row.destination, error=error[:300])

    async def _post(self, row: Any) -> Failure | None:
        token = minted(service_principal(self.source), self.secret)
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


BATCH = 100  # rows per destination per round


class DestinationLock:
    """A PostgreSQL advisory lock on one destination of one outbox, held by a connection of
    its own between transactions (a replica that dies drops its connection, and the lock)."""

    def __init__(self, db: Database, name: str) -> None:
        self.db, self.key = db, lock_key(name)
        self.connection: Connection | None = None

    def acquire(self) -> bool:
        """Take the lock if no one holds it."""
        connection = self.db.writer.connect()
        try:
            taken = connection.scalar(text("SELECT pg_try_advisory_lock(:key)"),
                                      {"key": self.key})
            connection.commit()
        except BaseException:
            connection.invalidate()
            connection.close()
            raise
        if not taken:
            connection.close()
            return False
        self.connection = connection
        return True

    def release(self) -> None:
        """Let the lock go; a connection that cannot say so is closed (which also does)."""
        if self.connection is None:
            return
        connection, self.connection = self.connection, None
        try:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            connection.commit()
        except Exception:
            connection.invalidate()
        finally:
            connection.close()


class Batch:
    """The rows of one destination claimed for a round, and what became of them."""

    def __init__(self, rows: list[Any], lock: DestinationLock | None) -> None:
        self.rows, self.lock = rows, lock
        self.delivered: list[str] = []
        self.parked: list[tuple[Any, str]] = []
        self.retry: tuple[Any, str] | None = None

    def close(self) -> None:
        """Let the destination's lock go."""
        if self.lock is not None:
            self.lock.release()


def lock_key(name: str) -> int:
    """A signed 64-bit key for a PostgreSQL advisory lock, the same in every process."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
