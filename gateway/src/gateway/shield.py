"""What guards every answer and every write at the door: security headers, caching rules,
and the refusal of cross-site writes (plain ASGI: no per-request task overhead)."""

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.access import SAFE, Caller
from gateway.config import GatewaySettings
from gateway.identity import ANONYMOUS
from gateway.page import error_page, translate
from kit.errors import problem

# No inline style or script anywhere: the pages' look is in /static/app.css only.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
       "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
HSTS = "max-age=31536000; includeSubDomains"
UNCACHED = "private, no-store"  # a personal answer: no cache keeps it, shared or not
# Files every visitor shares: cached as they say, never personal.
SHARED_PREFIXES = ("/static/", "/favicon.ico")


class SecurityHeadersMiddleware:
    """CSP, nosniff, referrer policy, HSTS outside development, and `Cache-Control: private,
    no-store` on every answer to a signed-in or keyed request, to any write, and to anything
    setting a cookie; other answers without a caching rule of their own are revalidated
    (`no-cache`), and public pages keep theirs (`page_shelf.mark`)."""

    def __init__(self, app: ASGIApp, settings: GatewaySettings) -> None:
        self.app = app
        fixed = [("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                 ("Referrer-Policy", "same-origin")]
        self.fixed = fixed if settings.development else [*fixed,
                                                         ("Strict-Transport-Security", HSTS)]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = Headers(scope=scope)
        personal = ("authorization" in asked or "ow_session" in asked.get("cookie", "")
                    or scope["method"] not in SAFE)
        shared = scope["path"].startswith(SHARED_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.fixed:
                    headers.setdefault(name, value)
                if not shared:
                    if personal or "set-cookie" in headers:
                        headers["Cache-Control"] = UNCACHED
                    else:
                        headers.setdefault("Cache-Control", "no-cache")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def same_site(headers: Headers, public_origin: str | None) -> bool:
    """Whether a write comes from this site: its `Origin` names this host (or the configured
    public origin), else `Sec-Fetch-Site` says same-origin. A client sending neither (curl,
    a machine client) is no browser a foreign page could drive."""
    origin = headers.get("origin")
    if origin is not None:
        if public_origin and origin.rstrip("/") == public_origin.rstrip("/"):
            return True
        host = urlsplit(origin).netloc.lower()
        ours = {h.lower() for h in (headers.get("host"), headers.get("x-forwarded-host")) if h}
        return origin != "null" and host in ours
    return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


class SameSiteWritesMiddleware:
    """Refuse (403) every unsafe method from another site, sign-in included, whatever CSRF
    token it carries."""

    def __init__(self, app: ASGIApp, settings: GatewaySettings) -> None:
        self.app, self.public_origin = app, settings.public_origin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] not in SAFE
                and not same_site(Headers(scope=scope), self.public_origin)):
            request = Request(scope, receive)
            answer: Response
            if scope["path"].startswith("/api/"):
                answer = problem(403, "Cross-site request refused: its Origin is not this site.")
            else:
                answer = error_page(request, Caller(ANONYMOUS), 403,
                                    translate(request).gettext("来自其他网站的请求已被拒绝。"))
            await answer(scope, receive, send)
            return
        await self.app(scope, receive, send)
