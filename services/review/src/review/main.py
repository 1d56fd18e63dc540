"""The review app: create_app(settings) with its lifespan."""

import httpx
from fastapi import FastAPI

from kit.app import audit_router, create_part_app, events_router
from kit.dead_letters import dead_letters_router
from review import events
from review.config import ReviewSettings
from review.models import audit, inbox, outbox
from review.preliminary.routes import router as preliminary_router
from review.questions.routes import router as questions_router
from review.routes import router


def create_app(settings: ReviewSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The review service; `transport` reaches the other parts in embedded mode."""
    settings = settings or ReviewSettings()
    return create_part_app(
        name="review", settings=settings, outbox=outbox, transport=transport,
        routers=[audit_router(audit, "/api/review/v1"),
                 router, preliminary_router, questions_router,
                 events_router(inbox, events.HANDLERS),
                 dead_letters_router(outbox, audit, "/api/review/v1")])
