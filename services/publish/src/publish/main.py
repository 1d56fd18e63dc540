"""The publish app: create_app(settings) with its lifespan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from kit.app import create_part_app, events_router
from kit.db import Database
from kit.logs import configure_logging
from publish import events
from publish.config import PublishSettings
from publish.db import SCHEMA
from publish.models import inbox
from publish.routes import router


def create_app(settings: PublishSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The publish service; `transport` is accepted like the other parts' (publish calls none)."""
    settings = settings or PublishSettings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings.database_url, SCHEMA)
        try:
            yield
        finally:
            app.state.db.dispose()

    return create_part_app(name="publish", settings=settings, lifespan=lifespan,
                           routers=[router, events_router(inbox, events.HANDLERS)])
