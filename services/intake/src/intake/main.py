"""The intake app: create_app(settings) with its lifespan."""

import asyncio

import httpx
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from intake import events, filing
from intake.config import IntakeSettings
from intake.desk import Desk
from intake.hall.routes import router as hall_router
from intake.models import audit, inbox, outbox
from intake.routes import router
from kit.app import audit_router, create_part_app, events_router
from kit.dead_letters import dead_letters_router


def create_app(settings: IntakeSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The intake service; `transport` reaches the other parts in embedded mode."""
    settings = settings or IntakeSettings()
    app = create_part_app(
        name="intake", settings=settings, outbox=outbox, transport=transport,
        routers=[audit_router(audit, "/api/intake/v1"),
                 router, hall_router, events_router(inbox, events.HANDLERS),
                 dead_letters_router(outbox, audit, "/api/intake/v1")],
        background=[sweeping])
    app.state.desk = Desk.of(settings)
    return app


SWEEP_EVERY = 6 * 3600.0
SWEEP_GRACE = 24 * 3600.0  # far longer than any transaction that may still name a new file


async def sweeping(app: FastAPI) -> None:
    """Now and then, remove stored files no material names."""
    while True:
        await asyncio.sleep(SWEEP_EVERY)
        await run_in_threadpool(sweep_once, app)


def sweep_once(app: FastAPI) -> list[str]:
    """One sweep of the file store."""
    with app.state.db.session() as session:
        return filing.sweep_files(session=session, desk=app.state.desk,
                                  older_than=SWEEP_GRACE)
