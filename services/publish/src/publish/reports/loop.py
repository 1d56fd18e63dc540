"""The reports' background loop: at each period's end, archive the report of the period just
ended (and, once, the demo zone's past months)."""

import asyncio
from datetime import date

import structlog
from fastapi import FastAPI

from kit.app import round_on_thread
from kit.clock import china_today
from publish.reports import service

log = structlog.get_logger()
EVERY = 60.0  # seconds: a period ends at midnight, a minute late is on time
SOON = 5.0  # the first round, and the next while the demo's history is still arriving


async def reporting(app: FastAPI) -> None:
    """Now and then (and soon after start-up), archive what is due."""
    interval = getattr(app.state.settings, "report_interval", EVERY)
    # soon after start-up, unless the rounds are set further apart than usual (a test's app)
    await asyncio.sleep(interval if interval > EVERY else min(interval, SOON))
    while True:
        waiting = False
        try:
            await round_on_thread(report_once, app)
            waiting = await round_on_thread(backfill_waiting, app)
        except Exception as exc:  # the loop outlives any one bad round
            log.warning("report_round_failed", error=repr(exc))
        await asyncio.sleep(min(interval, SOON) if waiting else interval)


def report_once(app: FastAPI, today: date | None = None) -> list[int]:
    """One round as of `today` (China's today by default)."""
    with app.state.db.session() as session:
        return service.run_once(session=session, today=today or china_today())


def backfill_waiting(app: FastAPI) -> bool:
    """Whether the demo's past periods still wait for catalog's history."""
    with app.state.db.session(write=False) as session:
        return service.backfill_waiting(session=session)
