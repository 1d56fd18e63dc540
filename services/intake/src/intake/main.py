"""The intake app: create_app(settings) with its lifespan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from intake import events
from intake.config import IntakeSettings
from intake.models import inbox, outbox
from intake.routes import router
from kit.app import create_part_app, events_router
from kit.db import Database
from kit.http import make_client
from kit.logs import configure_logging
from kit.outbox import OutboxRelay


def create_app(settings: IntakeSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The intake service; `transport` reaches the other parts in embedded mode."""
    settings = settings or IntakeSettings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings.database_url, "intake")
        client = make_client(transport, settings.http_transport)
        app.state.relay = OutboxRelay(
            db=app.state.db, outbox=outbox, source="intake", client=client,
            destinations=settings.destination_url, secret=settings.token_secret,
            interval=settings.relay_interval)
        app.state.relay.start()
        try:
            yield
        finally:
            await app.state.relay.stop()
            await client.aclose()
            app.state.db.dispose()

    return create_part_app(
        name="intake", settings=settings, lifespan=lifespan,
        routers=[router, events_router(inbox, events.HANDLERS)])
