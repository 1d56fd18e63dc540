"""The review app: create_app(settings) with its lifespan."""

import asyncio
from datetime import date

import httpx
from fastapi import FastAPI

from kit.app import audit_router, create_part_app, events_router, round_on_thread
from kit.clock import china_today
from kit.dead_letters import dead_letters_router
from review import events, person_routes
from review.config import ReviewSettings
from review.letter_routes import router as letter_router
from review.models import audit, inbox, outbox
from review.organisation import router as organisation_router
from review.preliminary.routes import router as preliminary_router
from review.questions.routes import router as questions_router
from review.routes import router
from review.signoffs import service as signoffs
from review.signoffs.routes import router as signoffs_router


def create_app(settings: ReviewSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The review service; `transport` reaches the other parts in embedded mode."""
    settings = settings or ReviewSettings()
    return create_part_app(
        name="review", settings=settings, outbox=outbox, transport=transport,
        routers=[audit_router(audit, "/api/review/v1"),
                 router, organisation_router, person_routes.router, letter_router,
                 signoffs_router, preliminary_router, questions_router,
                 events_router(inbox, events.HANDLERS),
                 dead_letters_router(outbox, audit, "/api/review/v1")],
        background=[escalating])


ESCALATE_EVERY = 3600.0


async def escalating(app: FastAPI) -> None:
    """Now and then (and at start-up), flag the sign-offs whose deadline passed unanswered."""
    while True:
        await round_on_thread(escalate_once, app)
        await asyncio.sleep(ESCALATE_EVERY)


def escalate_once(app: FastAPI, today: date | None = None) -> list[tuple[int, str]]:
    """One round of escalation as of `today` (China's today by default)."""
    with app.state.db.session() as session:
        return signoffs.escalate_overdue(session=session, today=today or china_today())
