"""The publish app: create_app(settings) with its lifespan."""

import httpx
from fastapi import FastAPI

from kit.app import audit_router, create_part_app, events_router
from publish import events
from publish.config import PublishSettings
from publish.models import audit, inbox
from publish.progress.routes import router as progress_router
from publish.reports.loop import reporting
from publish.reports.routes import router as reports_router
from publish.routes import router


def create_app(settings: PublishSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The publish service; `transport` reaches the other parts in embedded mode."""
    settings = settings or PublishSettings()
    return create_part_app(
        name="publish", settings=settings, transport=transport,
        routers=[audit_router(audit, "/api/publish/v1"),
                 router, progress_router, reports_router,
                 events_router(inbox, events.HANDLERS)],
        background=[reporting])
