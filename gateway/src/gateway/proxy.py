"""`/api/<service>/…` passed on to the service, in plain ASGI: taken before FastAPI's router
(no route matching, dependency solving or response object per request), a body of declared
length streamed to the service as it arrives and the answer streamed back as it comes — neither
held whole. Every check of the door still applies: the middlewares outside this one (request id,
plain paths, body limit, metrics, the trail's caller, denials) and, here, the caller (session,
API key or anonymous), the provincial API's key and budget, and the per-address budgets."""

import posixpath
from collections.abc import AsyncIterable, AsyncIterator

import httpx
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway import api
from gateway.access import Caller, current_caller
from gateway.ratelimit import public_wait
from gateway.upstream import FORWARDED_REQUEST_HEADERS
from kit.errors import DomainError, Unauthorized, problem

METHODS = {*api.FORWARDED_METHODS, "HEAD"}  # HEAD with GET, as a route takes it
# The route the proxy stands in front of: its metrics are counted under its template.
ROUTE = next(r for r in api.router.routes
             if isinstance(r, APIRoute) and r.endpoint is api.no_service)
PASSED_HEADERS = {h.encode() for h in (*FORWARDED_REQUEST_HEADERS, "content-length")}


def service_of(scope: Scope) -> str | None:
    """The service a request goes to, or None when it is not the proxy's."""
    if scope["type"] != "http" or scope["method"] not in METHODS:
        return None
    prefix, slash, _ = scope["path"].removeprefix("/api/").partition("/")
    if not slash or not scope["path"].startswith("/api/"):
        return None
    return api.ROUTES.get(prefix)


async def refusal(request: Request, caller: Caller) -> Response | None:
    """Why the request is not passed on (problem+json), or None."""
    target = request.scope["path"]
    prefix = target.split("/", 3)[2]
    if posixpath.normpath(target) != target.rstrip("/"):
        # kit.door refused dot segments already: what is forwarded stays under /api/<prefix>/,
        # never a service's /internal/… or /readyz
        raise DomainError(f"Only plain paths under /api/{prefix}/ are forwarded.")
    if prefix == "sync" and caller.via != "api_key":
        # The provincial contract: a missing key is 401, whoever else may be signed in.
        raise Unauthorized("An API key is required: Authorization: Bearer <api key>.",
                           headers={"WWW-Authenticate": "Bearer"})
    if prefix == "sync":
        wait = await request.app.state.budgets["sync"].retry_after(caller.principal.sub)
        if wait is not None:
            return problem(429, "Too many requests; slow down.",
                           headers={"Retry-After": str(wait)})
    if (spent := await public_wait(request, target)) is not None:
        wait, why = spent
        return problem(429, why, headers={"Retry-After": str(wait)})
    return None


async def body_of(request: Request) -> AsyncIterator[bytes]:
    """The request's body piece by piece, as the client sends it (and the door counts it)."""
    async for piece in request.stream():
        if piece:
            yield piece


class ApiProxy:
    """Pass `/api/<service>/…` on to the service, as the caller, with a signed token."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        service = service_of(scope)
        if service is None:
            await self.app(scope, receive, send)
            return
        scope["route"] = ROUTE
        request = Request(scope, receive)
        try:
            try:
                caller = await current_caller(request)
                refused = await refusal(request, caller)
            except DomainError as exc:
                refused = problem(exc.status, exc.detail, title=exc.title, errors=exc.errors,
                                  headers=exc.headers)
            except HTTPException as exc:  # a form that is no form (its CSRF token looked for)
                refused = problem(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))
            if refused is not None:
                await refused(scope, receive, send)
                return
            await self.pass_on(request, service, caller, send)
        except ClientDisconnect:
            pass  # the client left while sending its body: nobody to answer

    async def pass_on(self, request: Request, service: str, caller: Caller, send: Send) -> None:
        """Send the request to the service; its answer back as it comes (503 with nothing sent
        when the service does not answer)."""
        scope = request.scope
        headers: dict[str, str] = {}
        for name, value in scope["headers"]:
            if name in PASSED_HEADERS and value:
                headers.setdefault(name.decode(), value.decode("latin-1"))
        body: AsyncIterable[bytes] | bytes | None = None
        if headers.get("content-length", "0") != "0":  # the door checked the length already
            body = body_of(request)
        elif any(name == b"transfer-encoding" for name, _ in scope["headers"]):
            # no length said: read whole first (as the door counts it), so a body past the
            # limit is 413 even where the service would refuse before reading it all
            body = await request.body()
        query = scope["query_string"].decode()
        path = f"{scope['path']}?{query}" if query else scope["path"]
        started = False
        try:
            async with request.app.state.upstreams.forward(
                    service, scope["method"], path, caller.principal, headers=headers,
                    body=body) as answer:
                piece = await answer.read()
                started = True
                await send({"type": "http.response.start", "status": answer.status,
                            "headers": answer.headers})
                while True:  # each piece sent once the next is in hand: the last says so
                    following = await answer.read() if piece else b""
                    await send({"type": "http.response.body", "body": piece,
                                "more_body": bool(following)})
                    if not following:
                        return
                    piece = following
        except httpx.TransportError:
            if started:
                raise  # the answer breaks off: the client sees it cut short
            await api.unreachable()(scope, request.receive, send)
