"""The publish app: create_app(settings) with its lifespan."""

import httpx
from fastapi import FastAPI

from kit.app import audit_router, create_part_app, events_router
from publish import events
from publish.config import PublishSettings
from publish.flowchart.routes import router as flowchart_router
from publish.models import audit, inbox
from publish.routes import router


def create_app(settings: PublishSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The publish service; `transport` reaches the other parts in embedded mode."""
    settings = settings or PublishSettings()
    return create_part_app(
        name="publish", settings=settings, transport=transport,
        routers=[audit_router(audit, "/api/publish/v1"),
                 router, flowchart_router, events_router(inbox, events.HANDLERS)])
