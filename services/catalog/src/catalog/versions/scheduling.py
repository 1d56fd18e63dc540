"""Publishing on an effective date: a scheduled version goes live by itself on its date.

`publish_due` is the whole rule and what the tests call with a chosen instant;
`run_scheduler` only calls it periodically, as a background loop of the catalog's lifespan.
"""

import asyncio
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.matters import service
from catalog.models import Matter, MatterVersion
from kit.app import round_on_thread
from kit.auth import Principal
from kit.clock import china_date, now
from kit.db import Database

log = structlog.get_logger()
SCHEDULER = Principal(sub="service:catalog-scheduler", name="scheduler", roles=("service",))
TICK_SECONDS = 60.0


def _due(session: Session, *, at: datetime, lock: bool) -> list[tuple[Matter, MatterVersion]]:
    query = (select(Matter, MatterVersion)
             .join(MatterVersion, col(MatterVersion.matter_id) == Matter.id)
             .where(col(MatterVersion.state) == "scheduled",
                    col(MatterVersion.effective_from) <= china_date(at))
             .order_by(col(MatterVersion.effective_from), col(Matter.id),
                       col(MatterVersion.version)))
    if lock:
        # Several replicas may tick at once: each version is taken by one of them.
        query = query.with_for_update(of=MatterVersion, skip_locked=True)
    return list(session.execute(query).tuples())


def any_due(*, session: Session, at: datetime | None = None) -> bool:
    """Whether some scheduled version's effective date has come (a read, no lock)."""
    return bool(_due(session, at=at or now(), lock=False))


def publish_due(*, session: Session, at: datetime | None = None) -> list[tuple[str, int]]:
    """Put in force every scheduled version whose effective date (in China) has come by `at`;
    return (implementation code, version) of each one published."""
    at = at or now()
    published = []
    for matter, row in _due(session, at=at, lock=True):
        if row.state != "scheduled":
            continue  # superseded a moment ago by a later version going live in this round
        if matter.cancelled_at is not None:
            service.cancel_version(session=session, matter=matter, row=row, actor=SCHEDULER)
            continue
        service.go_live(session=session, matter=matter, row=row, actor=SCHEDULER.sub, at=at)
        published.append((matter.implementation_code, row.version))
    return published


def tick(*, db: Database, at: datetime | None = None) -> list[tuple[str, int]]:
    """One round in its own transaction: publish what is due."""
    with db.session(write=False) as s:
        if not any_due(session=s, at=at):
            return []  # spares SQLite's single writer a lock every round
    with db.session() as s:
        return publish_due(session=s, at=at)


async def run_scheduler(app: Any, interval: float = TICK_SECONDS) -> None:
    """The catalog's background loop: a round now, then every `interval` seconds, until the
    lifespan cancels it (a round in flight still commits or rolls back whole)."""
    while True:
        try:
            published = await round_on_thread(tick, db=app.state.db)
        except Exception as exc:  # the loop outlives any one bad round
            log.warning("version_scheduler_round_failed", error=repr(exc))
            published = []
        if published:
            log.info("scheduled_versions_published", versions=published)
            relay = getattr(app.state, "relay", None)
            if relay is not None:
                relay.kick()
        await asyncio.sleep(interval)
