"""The publish app: create_app(settings) with its lifespan."""

import httpx
from fastapi import FastAPI

from kit.app import audit_router, create_part_app, events_router
from publish import events
from publish.briefings.routes import router as briefings_router
from publish.config import PublishSettings
from publish.flowchart.routes import router as flowchart_router
from publish.lists.routes import router as lists_router
from publish.models import audit, inbox
from publish.progress.routes import router as progress_router
from publish.reform.routes import router as reform_router
from publish.reports.loop import reporting
from publish.reports.routes import router as reports_router
from publish.routes import router
from publish.search.routes import router as search_router
from publish.search.text import warm
from publish.statistics.routes import router as statistics_router


def create_app(settings: PublishSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The publish service; `transport` reaches the other parts in embedded mode."""
    settings = settings or PublishSettings()
    return create_part_app(
        name="publish", settings=settings, transport=transport,
        # The guides first: the hottest read is matched before the other ~100 routes (no
        # other router answers its paths).
        routers=[router, audit_router(audit, "/api/publish/v1"),
                 statistics_router, reform_router, briefings_router, search_router,
                 lists_router, flowchart_router, progress_router, reports_router,
                 events_router(inbox, events.HANDLERS)],
        background=[warm, reporting])
