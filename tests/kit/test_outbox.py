"""kit.outbox's relay: an event the destination refuses for good is parked (a dead letter)
at once, one that keeps failing after the allowed attempts; a parked event no longer holds up
the events behind it; a destination that is down only delays (issue 7, point 14)."""

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from catalog.models import audit, outbox
from kit.audit import record
from kit.clock import now
from kit.db import Database
from kit.outbox import emit
from kit.relay import OutboxRelay
from kit.settings import DEVELOPMENT_SECRET
from tests.loops import on_a_thread

Answer = Callable[[dict[str, Any]], httpx.Response]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """The catalog's schema (any part with an outbox would do), without other tests' notes
    (the database is the session's: other tests leave their own events in it)."""
    database = Database(db_url, "catalog")
    with database.session() as s:  # earlier tests' events: out of the relay's way
        s.execute(delete(outbox).where(outbox.c.type == "note"))
        s.execute(update(outbox).where(outbox.c.delivered_at.is_(None))
                  .values(delivered_at=now()))
    yield database
    database.dispose()


def relay(db: Database, answer: Answer, **options: Any) -> OutboxRelay:
    """A relay whose destination answers each envelope with `answer(envelope)`."""
    def handle(request: httpx.Request) -> httpx.Response:
        return answer(json.loads(request.content))
    client = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    return OutboxRelay(db=db, outbox=outbox, source="catalog", client=client,
                       destinations=lambda d: f"http://{d}", secret=DEVELOPMENT_SECRET,
                       **options)


def send(db: Database, *labels: str) -> None:
    """One event to review per label, in this order."""
    for label in labels:
        with db.session() as s:
            emit(s, outbox, event_type="note", payload={"label": label}, destinations=["review"])


def rounds(db: Database, r: OutboxRelay, n: int = 1) -> None:
    """Run `n` rounds of the relay, each as if the backoff had passed."""
    for _ in range(n):
        with db.session() as s:
            s.execute(update(outbox).values(next_attempt_at=now()))
        on_a_thread(r.deliver_due())



def state(db: Database) -> dict[str, tuple[str, int]]:
    """label → (delivered | parked | pending, attempts)."""
    with db.session(write=False) as s:
        found = s.execute(select(outbox).where(outbox.c.type == "note")).all()
    return {row.payload["label"]: ("delivered" if row.delivered_at else
                                   "parked" if row.parked_at else "pending", row.attempts)
            for row in found}


def refusing(status: int, label: str = "bad") -> Answer:
    """A destination that answers `status` to the event `label` and takes every other one."""
    def answer(envelope: dict[str, Any]) -> httpx.Response:
        if envelope["payload"]["label"] == label:
            return httpx.Response(status, json={"detail": f"refused with {status}"})
        return httpx.Response(200, json={"status": "applied"})
    return answer


def test_a_refusal_no_retry_can_fix_parks_the_event_at_once_and_the_next_goes_through(
        db: Database) -> None:
    send(db, "bad", "good")
    rounds(db, relay(db, refusing(422)))
    assert state(db) == {"bad": ("parked", 1), "good": ("delivered", 0)}
    with db.session(write=False) as s:
        error = s.execute(select(outbox.c.last_error)
                          .where(outbox.c.parked_at.is_not(None))).scalar_one()
    assert "422" in error and "refused with 422" in error


@pytest.mark.parametrize("status", [409, 429, 500])
def test_other_failures_park_only_after_the_allowed_attempts(db: Database,
                                                             status: int) -> None:
    send(db, "bad", "good")
    r = relay(db, refusing(status), max_attempts=3)
    rounds(db, r, 2)
    assert state(db) == {"bad": ("pending", 2), "good": ("pending", 0)}  # order kept
    rounds(db, r)
    assert state(db) == {"bad": ("parked", 3), "good": ("delivered", 0)}


@pytest.mark.parametrize("down", ["unreachable", 503])
def test_a_destination_that_is_down_delays_but_never_parks(db: Database,
                                                           down: str | int) -> None:
    def answer(_: dict[str, Any]) -> httpx.Response:
        if down == "unreachable":
            raise httpx.ConnectError("connection refused")
        return httpx.Response(503)
    send(db, "first")
    rounds(db, relay(db, answer, max_attempts=2), 5)
    assert state(db) == {"first": ("pending", 5)}


def test_the_sender_reacts_to_a_parked_event_in_the_same_transaction(db: Database) -> None:
    def on_parked(*, session: Session, payload: dict[str, Any], destination: str,
                  error: str) -> None:
        record(session, audit, actor="service:outbox", action="note.parked", entity="note",
               entity_id=payload["label"], after={"destination": destination, "error": error})
    send(db, "bad")
    rounds(db, relay(db, refusing(400), parked={"note": on_parked}))
    with db.session(write=False) as s:
        entry = s.execute(select(audit).where(audit.c.action == "note.parked")).one()
    assert entry.entity_id == "bad" and entry.after["destination"] == "review"
    assert entry.after["error"].startswith("HTTP 400")


def test_destinations_are_served_side_by_side_each_in_order(db: Database) -> None:
    seen: list[tuple[str, str]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, json.loads(request.content)["payload"]["label"]))
        return httpx.Response(503 if request.url.host == "intake" else 200)
    for label in ("a", "b", "c"):
        with db.session() as s:
            emit(s, outbox, event_type="note", payload={"label": label},
                 destinations=["review", "intake"])
    r = OutboxRelay(db=db, outbox=outbox, source="catalog", secret=DEVELOPMENT_SECRET,
                    client=httpx.AsyncClient(transport=httpx.MockTransport(handle)),
                    destinations=lambda d: f"http://{d}")
    assert on_a_thread(r.deliver_due()) == 3  # intake being down holds up only intake
    assert [label for host, label in seen if host == "review"] == ["a", "b", "c"]
    assert [label for host, label in seen if host == "intake"] == ["a"]


def test_two_replicas_relaying_one_outbox_deliver_each_event_once_and_in_order(
        db: Database) -> None:
    if db.url.startswith("sqlite"):
        pytest.skip("one process owns an embedded (SQLite) platform: no replicas")
    received: list[str] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.002)  # long enough for the replicas' rounds to overlap
        received.append(json.loads(request.content)["payload"]["label"])
        return httpx.Response(200)
    labels = [f"n{i:03d}" for i in range(150)]
    send(db, *labels)

    async def replica() -> int:
        r = OutboxRelay(db=db, outbox=outbox, source="catalog", secret=DEVELOPMENT_SECRET,
                        client=httpx.AsyncClient(transport=httpx.MockTransport(handle)),
                        destinations=lambda d: f"http://{d}")
        delivered = 0
        while (count := await r.deliver_due()) or delivered < len(labels):
            delivered += count
            if not count:
                await asyncio.sleep(0.01)
                if all(kind == "delivered" for kind, _ in state(db).values()):
                    break
        return delivered

    async def both() -> list[int]:
        return list(await asyncio.gather(replica(), replica()))
    counts = on_a_thread(both())
    assert sum(counts) == len(labels) and received == labels  # none twice, none overtaken
    assert all(kind == "delivered" for kind, _ in state(db).values())
