"""The intake app: create_app(settings) with its lifespan."""

import asyncio
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import httpx
import structlog
from fastapi import FastAPI
from sqlalchemy.orm import Session

from intake import acceptance, butler_routes, document_files, events, filing
from intake.clock_routes import router as clock_router
from intake.complaints.routes import router as complaints_router
from intake.config import IntakeSettings
from intake.desk import Desk
from intake.hall.routes import router as hall_router
from intake.models import audit, inbox, outbox
from intake.public_routes import router as following
from intake.ratings.routes import router as ratings_router
from intake.routes import router
from intake.supervision import service as supervision
from intake.supervision.routes import router as supervision_router
from kit.app import audit_router, create_part_app, events_router, round_on_thread
from kit.clock import china_today
from kit.dead_letters import dead_letters_router
from kit.metrics import ROUNDS

T = TypeVar("T")


def create_app(settings: IntakeSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The intake service; `transport` reaches the other parts in embedded mode."""
    settings = settings or IntakeSettings()
    app = create_part_app(
        name="intake", settings=settings, outbox=outbox, transport=transport,
        routers=[audit_router(audit, "/api/intake/v1"),
                 router, following, ratings_router, complaints_router, butler_routes.router,
                 clock_router, hall_router, supervision_router,
                 events_router(inbox, events.HANDLERS),
                 dead_letters_router(outbox, audit, "/api/intake/v1")],
        background=[sweeping, rendering, deeming, watching])
    app.state.desk = Desk.of(settings)
    return app


log = structlog.get_logger()
SWEEP_EVERY = 6 * 3600.0
SWEEP_GRACE = 24 * 3600.0  # far longer than any transaction that may still name a new file


async def sweeping(app: FastAPI) -> None:
    """Now and then, remove stored files no material names."""
    while True:
        await asyncio.sleep(SWEEP_EVERY)
        await round_on_thread(sweep_once, app)


def sweep_once(app: FastAPI) -> list[str]:
    """One sweep of the file store."""
    with app.state.db.session() as session:
        return filing.sweep_files(session=session, desk=app.state.desk,
                                  older_than=SWEEP_GRACE)


async def rendering(app: FastAPI) -> None:
    """Every few seconds, render the PDFs of documents issued since (outside the requests)."""
    every = app.state.settings.render_every_seconds
    while True:
        await asyncio.sleep(every)
        try:
            await round_on_thread(render_once, app)
        except Exception:  # a bad document must not stop the loop; a download renders it
            log.exception("documents_not_rendered")


def render_once(app: FastAPI) -> int:
    """Render the documents waiting for their PDF; how many were. Rendering takes 0.2 s and
    more a document, so it happens outside any transaction (on SQLite a write transaction
    locks the whole database): facts read in one, each PDF kept in its own short one. One that
    fails is logged and left for its first download; the others are still rendered."""
    db, desk = app.state.db, app.state.desk
    with db.session(write=False) as session:
        found = document_files.waiting(session=session)
    rendered = 0
    for document_id, facts in found:
        try:
            content = document_files.render_pdf(facts, portal=desk.portal)
        except Exception:  # rendering is a library's work on data: it must not stop the rest
            log.exception("document_not_rendered", document=document_id)
            continue
        with db.session() as session:
            document_files.keep_pdf(session=session, desk=desk, document_id=document_id,
                                    content=content)
        rendered += 1
    return rendered
DEEM_EVERY = 3600.0


async def deeming(app: FastAPI) -> None:
    """Now and then (and at start-up), count as accepted the applications left five working
    days without a notice (Administrative Licensing Law art. 32)."""
    while True:
        try:
            with ROUNDS.labels("intake", "deeming").time():
                await round_on_thread(deem_once, app)
        except Exception:  # one bad case must not stop the deeming; the next round retries
            log.exception("deeming_round_failed")
        await asyncio.sleep(DEEM_EVERY)


def deem_once(app: FastAPI, today: date | None = None) -> list[int]:
    """One round of deemed acceptance as of `today` (China's today by default); the ids
    moved."""
    day = today or china_today()
    return in_parts(app, lambda session, after: acceptance.deem_accepted(
        session=session, today=day, after=after))


def in_parts(app: FastAPI, step: Callable[[Session, int], tuple[list[T], int | None]]
             ) -> list[T]:
    """A background round part by part, a transaction each (locks held briefly, a crash loses
    one part's work): `step(session, after)` handles the rows after id `after` and says where
    the next part starts (None: the round is over); everything the parts returned."""
    done: list[T] = []
    after: int | None = 0
    while after is not None:
        with app.state.db.session() as session:
            part, after = step(session, after)
        done += part
    return done


WATCH_EVERY = 3600.0


async def watching(app: FastAPI) -> None:
    """At start-up and hourly, raise the warnings of running cases turned yellow or red."""
    while True:
        try:
            with ROUNDS.labels("intake", "supervision").time():
                await round_on_thread(watch_once, app)
        except Exception:  # one bad case must not stop supervision; the next round retries
            log.exception("supervision_sweep_failed")
        await asyncio.sleep(WATCH_EVERY)


def watch_once(app: FastAPI, today: date | None = None) -> int:
    """One supervision sweep as of `today` (China's today by default); warnings raised."""
    day = today or china_today()
    return len(in_parts(app, lambda session, after: supervision.sweep_part(
        session=session, today=day, share=app.state.desk.yellow_share, after=after)))
