"""The review app: create_app(settings) with its lifespan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from kit.app import create_part_app, events_router
from kit.db import Database
from kit.http import make_client
from kit.logs import configure_logging
from kit.outbox import OutboxRelay
from review import events
from review.config import ReviewSettings
from review.models import inbox, outbox
from review.routes import router


def create_app(settings: ReviewSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The review service; `transport` reaches the other parts in embedded mode."""
    settings = settings or ReviewSettings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings.database_url, "review")
        client = make_client(transport, settings.http_transport)
        app.state.relay = OutboxRelay(
            db=app.state.db, outbox=outbox, source="review", client=client,
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
        name="review", settings=settings, lifespan=lifespan,
        routers=[router, events_router(inbox, events.HANDLERS)])
