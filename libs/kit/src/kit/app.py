"""The frame every part shares: health, readiness, problem+json, request ids, sessions."""

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import Annotated, Any, TypeVar

import httpx
import structlog
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, ValidationError
from sqlalchemy import Table
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kit.auth import Principal, require
from kit.db import Database
from kit.door import BodyLimit, PlainRequest, TooLargeAnswer
from kit.errors import Invalid, install_problem_handlers, invalid_from, problem
from kit.heap import fewer_arenas, settle_heap
from kit.http import make_client
from kit.logs import RequestIdMiddleware, configure_logging
from kit.metrics import MetricsMiddleware, metrics_router, watch_outbox
from kit.outbox import ParkedHandlers, first_delivery
from kit.reads import Reader
from kit.relay import OutboxRelay
from kit.trail import AUDITOR, MAX_PAGE, AuditCallerMiddleware, Entries, Text, read_entries, utc

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# A coroutine a part runs beside its requests: started with the app, cancelled at shutdown.
Loop = Callable[[FastAPI], Coroutine[Any, Any, None]]
T = TypeVar("T")
log = structlog.get_logger()
# An event type's payload model and the service function that applies it:
# `handler(*, session, event)`.
EventHandlers = Mapping[str, tuple[type[BaseModel], Callable[..., None]]]


def request_session(request: Request) -> Iterator[Session]:
    """The session of one request: it commits once before the response, or rolls back."""
    state = request.app.state
    write = request.method not in SAFE_METHODS
    with state.db.session(write=write) as session:
        yield session
    relay = getattr(state, "relay", None)
    if write and relay is not None:
        relay.kick()


SessionDep = Annotated[Session, Depends(request_session, scope="function")]


def request_write_session(request: Request) -> Iterator[Session]:
    """A writing session even for a read: the read itself is audited (a staff member opening
    an applicant's files)."""
    with request.app.state.db.session(write=True) as session:
        yield session


AuditedReadDep = Annotated[Session, Depends(request_write_session, scope="function")]


def health_router() -> APIRouter:
    """`/healthz` (the process is alive) and `/readyz` (its database answers)."""
    router = APIRouter(tags=["operations"])

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is alive."""
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz(request: Request) -> Any:
        """The database is reachable."""
        try:
            await run_in_threadpool(request.app.state.db.ping)
        except Exception as exc:
            return problem(503, f"database unreachable: {type(exc).__name__}")
        return {"status": "ready"}

    return router


def events_router(inbox: Table, handlers: EventHandlers) -> APIRouter:
    """`POST /internal/events`: validate each event's payload against its model once, then
    apply it once, in the same transaction as its record in the inbox."""
    router = APIRouter(tags=["internal"], include_in_schema=False)

    @router.post("/internal/events")
    def receive(envelope: dict[str, Any], session: SessionDep,
                _: Principal = require("service")) -> JSONResponse:
        """Apply one event delivered by another part's outbox relay."""
        try:
            event_id, event_type = str(envelope["id"]), str(envelope["type"])
            payload = envelope["payload"]
        except KeyError as exc:
            raise Invalid(f"event envelope lacks {exc}") from exc
        if event_type not in handlers:
            raise Invalid(f"this part does not handle {event_type}")
        model, handler = handlers[event_type]
        try:
            event = model.model_validate(payload)
        except ValidationError as exc:
            # 422: the sender keeps the event and retries; nothing is recorded as applied.
            raise invalid_from(exc, f"{event_type} payload is not valid.") from exc
        if first_delivery(session, inbox, event_id=event_id, event_type=event_type):
            handler(session=session, event=event)
            return JSONResponse({"status": "applied"})
        return JSONResponse({"status": "duplicate"})

    return router


def audit_router(table: Table, prefix: str) -> APIRouter:
    """`GET <prefix>/audit`: the part's trail, read-only, for the audit administrator only."""
    router = APIRouter(prefix=prefix, tags=["audit"])

    @router.get("/audit", response_model=Entries)
    def trail(session: SessionDep, actor: Text = None, action: Text = None,
              outcome: Text = None, since: AwareDatetime | None = None,
              until: AwareDatetime | None = None,
              limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
              offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
              _: Principal = require(AUDITOR)) -> Entries:
        """This part's audit trail, newest first, filtered (the audit administrator only)."""
        return read_entries(session, table, actor=actor, action=action, outcome=outcome,
                            since=utc(since, "since"), until=utc(until, "until"),
                            limit=limit, offset=offset)

    return router


async def round_on_thread(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`work(*args, **kwargs)` (a background round) on a worker thread. Cancelled (the app shutting
    down), it waits for the thread to finish first: a round's transaction never outlives the
    app's database, where awaiting a thread alone would leave it running behind the shutdown."""
    future = asyncio.get_running_loop().run_in_executor(None, partial(work, *args, **kwargs))
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        await asyncio.wait([future])
        if not future.cancelled() and (error := future.exception()) is not None:
            log.warning("background_round_failed_at_shutdown", error=repr(error))
        raise


def part_lifespan(*, name: str, settings: Any, outbox: Table | None = None,
                  transport: httpx.AsyncBaseTransport | None = None,
                  background: Sequence[Loop] = (), parked: ParkedHandlers | None = None) -> Any:
    """The lifespan of a service: its database and its async read engine (`kit.reads`), its
    outbox relay (when it emits events; with what to do when one is parked) and any background
    loops, all built at start-up and closed at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings.database_url, name)
        app.state.reader = Reader(settings.database_url, name)
        client = make_client(transport, settings.http_transport)
        if outbox is not None:
            app.state.relay = OutboxRelay(
                db=app.state.db, outbox=outbox, source=name, client=client,
                destinations=settings.destination_url, secret=settings.token_secret,
                interval=settings.relay_interval, max_attempts=settings.relay_max_attempts,
                parked=parked)
            app.state.relay.start()
            unwatch = watch_outbox(name, app.state.db, outbox)
        tasks: list[asyncio.Task[None]] = [
            asyncio.create_task(loop(app), name=f"{name}-background") for loop in background]
        settle_heap()
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if outbox is not None:
                unwatch()
                await app.state.relay.stop()
            await client.aclose()
            app.state.db.dispose()
            await app.state.reader.dispose()

    return lifespan


def create_part_app(*, name: str, settings: Any, routers: list[APIRouter],
                    lifespan: Any = None, outbox: Table | None = None,
                    transport: httpx.AsyncBaseTransport | None = None,
                    background: Sequence[Loop] = (), parked: ParkedHandlers | None = None,
                    middleware: Sequence[Any] = (), too_large: TooLargeAnswer | None = None,
                    **fastapi_kwargs: Any) -> FastAPI:
    """A FastAPI app for one part with the shared frame installed; without a `lifespan` of
    its own it gets `part_lifespan` (database, outbox relay, background loops); `middleware`
    runs inside the request id and the audit trail's caller; `too_large` answers an oversized
    body where problem+json would not do (the gateway's pages)."""
    configure_logging(settings.log_level)
    fewer_arenas()  # before the part's threads start
    lifespan = lifespan or part_lifespan(name=name, settings=settings, outbox=outbox,
                                         transport=transport, background=background,
                                         parked=parked)
    app = FastAPI(title=f"OneWindow {name}", lifespan=lifespan, **fastapi_kwargs)
    app.state.settings = settings
    app.state.part = name
    install_problem_handlers(app)
    app.include_router(health_router())
    app.include_router(metrics_router())
    for router in routers:
        app.include_router(router)
    for inner in middleware:  # inside the request id and the caller's name
        app.add_middleware(inner)
    app.add_middleware(AuditCallerMiddleware, secret=settings.token_secret)
    app.add_middleware(MetricsMiddleware, part=name)
    app.add_middleware(BodyLimit, limit=settings.max_upload_mb * 1024 * 1024, page=too_large)
    app.add_middleware(PlainRequest)
    app.add_middleware(RequestIdMiddleware, part=name)
    return app
