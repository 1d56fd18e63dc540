"""Public pages kept for anonymous visitors: rendered once, served from memory while fresh,
then served stale while one render behind refreshes them, as the page's own `Cache-Control`
says (`max-age`, `stale-while-revalidate`); a visitor whose copy is current gets a bodiless 304.

Only a GET without a session cookie or an `Authorization` header is answered from here (so no
session is looked up), and only a 200 its page marked `Cache-Control: public` with an ETag
(`page.public`) is kept: a page with a visitor's name on it is never stored. A kept page is
keyed by everything such a page depends on: scheme and host (the guide's QR code names them),
path and query, the language cookie, and whether HTMX asked for a fragment.
"""

import asyncio
import re
from collections import OrderedDict
from dataclasses import dataclass
from time import monotonic
from typing import Any

import structlog
from starlette.requests import cookie_parser
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.config import GatewaySettings
from gateway.i18n import LANG_COOKIE, LANGUAGES
from kit.caching import etag_matches, strong_etag

log = structlog.get_logger()
Key = tuple[Any, ...]
# Where no page lives: the API proxy, files, health and the services' internals.
PASSED = ("/api/", "/static/", "/internal/", "/healthz", "/readyz", "/ops/")
MAX_AGE = re.compile(rb"(?:^|[ ,])max-age=(\d+)")
STALE = re.compile(rb"stale-while-revalidate=(\d+)")
# A signed-in visitor's page (their name, their menu): no cache anywhere keeps it.
PRIVATE = "private, no-store"
# What a 304 repeats of the page it stands for (RFC 9110, 15.4.5).
REVALIDATED = (b"etag", b"cache-control", b"vary")


def mark(page: Response, *, anonymous: bool, settings: GatewaySettings) -> Response:
    """A public page's caching headers: the strong ETag of its body; an anonymous visitor's
    copy may be kept by any cache (this shelf, a browser, a proxy) for as long as the settings
    say, a signed-in visitor's copy by none."""
    page.headers["ETag"] = strong_etag(bytes(page.body))
    page.headers["Cache-Control"] = (
        f"public, max-age={int(settings.public_page_seconds)}, "
        f"stale-while-revalidate={int(settings.public_page_stale_seconds)}"
        if anonymous else PRIVATE)
    return page


@dataclass(frozen=True)
class Kept:
    """A rendered page: its answer, and until when it is fresh and may be served stale."""

    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: str
    fresh_until: float
    stale_until: float
    route: Any  # the route that rendered it, for the metrics of the visits it answers


class PageShelf:
    """The kept pages, the least recently used leaving first past `most_bytes`."""

    def __init__(self, *, most_bytes: int) -> None:
        self.most_bytes = most_bytes
        self.pages: OrderedDict[Key, Kept] = OrderedDict()
        self.size = 0
        self.refreshing: set[Key] = set()
        self.tasks: set[asyncio.Task[None]] = set()

    def get(self, key: Key) -> Kept | None:
        """The page kept under `key`, now the most recently used."""
        kept = self.pages.get(key)
        if kept is not None:
            self.pages.move_to_end(key)
        return kept

    def put(self, key: Key, kept: Kept) -> None:
        """Keep a page (unless it may not be kept at all), making room for it."""
        self.drop(key)
        if len(kept.body) > self.most_bytes or kept.stale_until <= monotonic():
            return
        self.pages[key] = kept
        self.size += len(kept.body)
        while self.size > self.most_bytes:
            _, oldest = self.pages.popitem(last=False)
            self.size -= len(oldest.body)

    def drop(self, key: Key) -> None:
        """Forget the page kept under `key`."""
        kept = self.pages.pop(key, None)
        if kept is not None:
            self.size -= len(kept.body)

    def refresh_later(self, key: Key, render: Any) -> None:
        """Render the page again behind the visitors, once at a time per page."""
        if key in self.refreshing:
            return
        self.refreshing.add(key)
        task = asyncio.create_task(render(), name="page-refresh")
        self.tasks.add(task)
        task.add_done_callback(lambda done: self._done(key, done))

    def _done(self, key: Key, task: "asyncio.Task[None]") -> None:
        self.tasks.discard(task)
        self.refreshing.discard(key)

    async def stop(self) -> None:
        """Cancel the renders still running (the app is stopping)."""
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


def asked(scope: Scope) -> tuple[Key, str | None] | None:
    """The key of the page asked for and the visitor's `If-None-Match`; None for a personal
    request (a session cookie or credentials), which is never answered from the shelf."""
    host = cookie = if_none_match = hx = restore = b""
    for name, value in scope["headers"]:
        if name == b"authorization":
            return None
        if name == b"cookie":
            cookie = value
        elif name == b"host":
            host = value
        elif name == b"if-none-match":
            if_none_match = value
        elif name == b"hx-request":
            hx = value
        elif name == b"hx-history-restore-request":
            restore = value
    if b"ow_session" in cookie:  # as the security headers judge it: ow_session, __Host-…
        return None
    lang = cookie_parser(cookie.decode("latin-1")).get(LANG_COOKIE, "") if cookie else ""
    lang = lang if lang in LANGUAGES else ""  # an unknown one renders as the default does
    key = (scope["scheme"], host, scope["path"], scope["query_string"], lang, hx, restore)
    return key, if_none_match.decode("latin-1") or None


def public(start: Message) -> bool:
    """Whether an answer is a page anyone may be given: a 200 its page marked public, with
    an ETag, setting no cookie."""
    if start["status"] != 200:
        return False
    headers = {k.lower(): v for k, v in start.get("headers", [])}
    return (headers.get(b"cache-control", b"").startswith(b"public") and b"etag" in headers
            and b"set-cookie" not in headers)


def kept_from(start: Message, body: bytes, route: Any) -> Kept:
    """A public page as kept, fresh and then stale for as long as its Cache-Control says."""
    headers = {k.lower(): v for k, v in start.get("headers", [])}
    control = headers.get(b"cache-control", b"")
    fresh, stale = MAX_AGE.search(control), STALE.search(control)
    seconds = int(fresh.group(1)) if fresh else 0
    now = monotonic()
    return Kept(headers=tuple(start.get("headers", [])), body=body,
                etag=headers.get(b"etag", b"").decode("latin-1"), fresh_until=now + seconds,
                stale_until=now + seconds + (int(stale.group(1)) if stale else 0), route=route)


async def answer(kept: Kept, if_none_match: str | None, send: Send) -> None:
    """Send a kept page, or a 304 when the visitor's copy is the same."""
    if etag_matches(if_none_match, kept.etag):
        headers = [(k, v) for k, v in kept.headers if k.lower() in REVALIDATED]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    # a fresh list each time: the middlewares outside add their headers to it
    await send({"type": "http.response.start", "status": 200, "headers": list(kept.headers)})
    await send({"type": "http.response.body", "body": kept.body})


class PageShelfMiddleware:
    """Answer anonymous visitors' public pages from the shelf (`app.state.pages`), keep what
    the pages render, and refresh stale pages behind the visitors."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = None
        if (scope["type"] == "http" and scope["method"] == "GET"
                and not scope["path"].startswith(PASSED)):
            found = asked(scope)
        if found is None:
            await self.app(scope, receive, send)
            return
        key, if_none_match = found
        shelf: PageShelf = scope["app"].state.pages
        kept, now = shelf.get(key), monotonic()
        if kept is None or now >= kept.stale_until:
            await self.render(shelf, key, scope, receive, send, if_none_match)
            return
        if now >= kept.fresh_until:
            shelf.refresh_later(key, lambda: self.refresh(shelf, key, dict(scope)))
        scope["route"] = kept.route
        await answer(kept, if_none_match, send)

    async def render(self, shelf: PageShelf, key: Key, scope: Scope, receive: Receive,
                     send: Send, if_none_match: str | None) -> None:
        """Render the page; keep it when it is public, and answer as a kept page would."""
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and public(message):
                start = message
                return
            if not start or message["type"] != "http.response.body":
                await send(message)  # not a public page: passed on as it comes
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                kept = kept_from(start, b"".join(chunks), scope.get("route"))
                shelf.put(key, kept)
                await answer(kept, if_none_match, send)

        await self.app(scope, receive, keep)

    async def refresh(self, shelf: PageShelf, key: Key, scope: Scope) -> None:
        """Render a stale page again as a new anonymous visit would, and keep the result;
        forget the page when it is gone or refused (4xx), keep serving it until it expires
        while rendering fails (5xx: a service not answering)."""
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k != b"if-none-match"]
        scope["state"] = dict(scope.get("state") or {})
        start: Message = {}
        chunks: list[bytes] = []
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}

        async def collect(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, receive, collect)
        except Exception as exc:  # the visitors keep the stale page until it expires
            log.warning("page_refresh_failed", path=scope["path"], error=repr(exc))
            return
        if start and public(start):
            shelf.put(key, kept_from(start, b"".join(chunks), scope.get("route")))
        elif start.get("status", 500) < 500:  # gone or refused now; a failure may pass
            shelf.drop(key)
