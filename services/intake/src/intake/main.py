"""The intake app: create_app(settings) with its lifespan."""

import httpx
from fastapi import FastAPI

from intake import events
from intake.config import IntakeSettings
from intake.models import audit, inbox, outbox
from intake.routes import router
from kit.app import audit_router, create_part_app, events_router
from kit.dead_letters import dead_letters_router


def create_app(settings: IntakeSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The intake service; `transport` reaches the other parts in embedded mode."""
    settings = settings or IntakeSettings()
    return create_part_app(
        name="intake", settings=settings, outbox=outbox, transport=transport,
        routers=[audit_router(audit, "/api/intake/v1"),
                 router, events_router(inbox, events.HANDLERS),
                 dead_letters_router(outbox, audit, "/api/intake/v1")])
