"""The gateway: the only door. Sign-in, tokens, API routing and the pages."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx
import structlog
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from redis.asyncio import Redis
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from gateway import accounts, administrators, api, htmx, imports, keys, openapi, units
from gateway.access import Caller, current_caller, shown_caller
from gateway.clients.base import ServiceError
from gateway.clients.layout import LayoutShelf
from gateway.config import GatewaySettings
from gateway.demo import refuse_demo_passwords
from gateway.identity import ANONYMOUS
from gateway.models import outbox
from gateway.page import (
    DOOR_REFUSALS,
    PageError,
    SignInFirst,
    error_page,
    render,
    same_site_referer,
    sign_in_first,
    translate,
)
from gateway.page_shelf import PageShelf, PageShelfMiddleware
from gateway.pages import ROUTERS
from gateway.proxy import ApiProxy
from gateway.ratelimit import budgets
from gateway.shield import SameSiteWritesMiddleware, SecurityHeadersMiddleware
from gateway.trail import DenialMiddleware
from gateway.upstream import Upstreams
from kit.app import create_part_app
from kit.db import Database
from kit.errors import DomainError, problem
from kit.heap import settle_heap, trimming
from kit.logs import configure_logging
from kit.metrics import watch_outbox
from kit.relay import OutboxRelay

log = structlog.get_logger()
STATIC = Path(__file__).parent / "static"


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    """The gateway; in embedded mode it also runs the four services in-process."""
    settings = settings or GatewaySettings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            app.state.db = Database(settings.database_url, "gateway")
            stack.callback(app.state.db.dispose)
            await run_in_threadpool(refuse_demo_passwords, app.state.db, settings)
            shared = Redis.from_url(settings.redis_url) if settings.redis_url else None
            if shared is not None:
                stack.push_async_callback(shared.aclose)
            app.state.budgets = budgets(settings, shared)
            app.state.upstreams = Upstreams(settings)
            await app.state.upstreams.start(stack)
            await start_relay(stack, app, settings)
            app.state.layout = await start_layout(app.state.upstreams, app.state.db)
            stack.push_async_callback(app.state.layout.stop)
            stack.push_async_callback(app.state.pages.stop)  # first: renders behind use all
            settle_heap()
            trims = asyncio.create_task(trimming())
            stack.callback(trims.cancel)
            yield

    app = create_part_app(name="gateway", settings=settings, lifespan=lifespan,
                          routers=[keys.router, accounts.router, units.router, imports.router,
                                   administrators.router,
                                   api.router, *ROUTERS],
                          middleware=[ApiProxy, PageShelfMiddleware, DenialMiddleware],
                          too_large=too_large_page,
                          docs_url=None, openapi_url=None)
    app.state.pages = PageShelf(most_bytes=int(settings.public_page_mb * 1024 * 1024))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_page_errors(app)

    @app.get("/api/openapi.json", include_in_schema=False)
    async def openapi_document(request: Request) -> JSONResponse:
        """The combined OpenAPI of the gateway and the four services."""
        return JSONResponse(await openapi.combined(app, request))

    @app.get("/api/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        """Every operation of the platform, read from the combined OpenAPI (no CDN, no JS)."""
        spec = await openapi.combined(app, request)
        return render(request, "api_docs.html", await _caller(request),
                      operations=openapi.operations(spec))

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.add_middleware(SameSiteWritesMiddleware, settings=settings)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    return app


async def start_relay(stack: AsyncExitStack, app: FastAPI, settings: GatewaySettings) -> None:
    """The gateway's outbox relay (account.changed to review), through the same client as the
    pages: in-process in embedded mode, over the network otherwise."""
    app.state.relay = OutboxRelay(
        db=app.state.db, outbox=outbox, source="gateway", client=app.state.upstreams.client,
        destinations=settings.service_url, secret=settings.token_secret,
        interval=settings.relay_interval, max_attempts=settings.relay_max_attempts)
    app.state.relay.start()
    stack.push_async_callback(app.state.relay.stop)
    stack.callback(watch_outbox("gateway", app.state.db, outbox))


async def start_layout(upstreams: Upstreams, db: Database) -> LayoutShelf:
    """The standard's layout for the pages: the kept copy, revalidated now and every while."""
    shelf = LayoutShelf(upstreams, db)
    try:
        await asyncio.to_thread(shelf.load)
    except SQLAlchemyError as exc:  # a database not migrated yet: the catalog's copy will do
        log.warning("layout_copy_unreadable", error=repr(exc))
    await shelf.refresh()
    shelf.start()
    return shelf


def wants_page(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/internal/", "/healthz", "/readyz"))


async def too_large_page(scope: Scope, limit: int) -> Response | None:
    """A page's oversized upload: what to do, in the visitor's language (HTMX: in place of
    the target's content); None for the API, which keeps problem+json."""
    request = Request(scope)
    if not wants_page(request):
        return None
    _ = translate(request).gettext
    message = _("文件太大：一次上传的文件合计不能超过 %(mb)s MB。"
                "请压缩文件或减少扫描页数后重新上传。") % {"mb": limit // 1048576}
    caller = await shown_caller(request)  # the body is not read: no CSRF token to check
    if htmx.is_htmx(request):  # the message alone, where the page shows the request's answer
        return htmx.in_place(render(request, "error.html", caller, block="problem",
                                    status=413, message=message))
    return error_page(request, caller, 413, message, back=same_site_referer(request))


def install_page_errors(app: FastAPI) -> None:
    """Pages show readable messages; the API keeps problem+json."""

    @app.exception_handler(SignInFirst)
    async def _sign_in_first(request: Request, exc: SignInFirst) -> Response:
        return sign_in_first(request)

    @app.exception_handler(PageError)
    async def _page_error(request: Request, exc: PageError) -> Response:
        return error_page(request, await _caller(request), exc.status, exc.message)

    @app.exception_handler(ServiceError)
    async def _refused(request: Request, exc: ServiceError) -> Response:
        return error_page(request, await _caller(request), exc.status, exc.reason)

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        if wants_page(request):
            said = DOOR_REFUSALS.get(exc.status)
            message = translate(request)(said, detail=exc.detail) if said else exc.detail
            return error_page(request, await _caller(request), exc.status, message)
        return problem(exc.status, exc.detail, title=exc.title, errors=exc.errors,
                       headers=exc.headers)

    @app.exception_handler(httpx.TransportError)
    async def _unreachable(request: Request, exc: httpx.TransportError) -> Response:
        if wants_page(request):
            return error_page(request, await _caller(request), 503, translate(request).gettext(
                "服务暂时没有响应。请稍等片刻后刷新页面重试；如已提交申请，请先到“我的申请”查看是否已收到。"))
        return api.unreachable()

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)  # a 405 says what is Allow-ed
        if wants_page(request):
            gettext = translate(request).gettext
            message = {404: gettext("没有找到该页面。"),
                       405: gettext("该页面不接受这种请求方式。")}.get(exc.status_code,
                                                                 str(exc.detail))
            page = error_page(request, await _caller(request), exc.status_code, message)
            page.headers.update(headers or {})
            return page
        return problem(exc.status_code, str(exc.detail), headers=headers)


async def _caller(request: Request) -> Caller:
    try:
        return await current_caller(request)
    except DomainError:
        return Caller(ANONYMOUS)

