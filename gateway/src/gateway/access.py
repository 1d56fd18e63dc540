"""Resolving the caller of each request: session cookie, API key, or anonymous."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from gateway import identity, trail
from gateway.models import Account
from kit.auth import Principal
from kit.errors import Forbidden, Unauthorized

CSRF_HEADER = "x-csrf-token"
SAFE = {"GET", "HEAD", "OPTIONS"}


@dataclass
class Caller:
    principal: Principal
    account: Account | None = None
    csrf_token: str | None = None
    via: str = "anonymous"

    @property
    def signed_in(self) -> bool:
        return self.account is not None


def session_id(request: Request) -> str | None:
    """The session cookie's value (its name depends on the settings: `__Host-` when Secure)."""
    return request.cookies.get(request.app.state.settings.session_cookie)


def _lookup_session(request: Request) -> Caller | None:
    settings, cookie = request.app.state.settings, session_id(request)
    idle = timedelta(minutes=settings.session_idle_minutes)
    with request.app.state.db.session(write=False) as s:
        live = identity.resolve_session(s, cookie, idle=idle)
    if live is None:
        return None
    if live.stale and cookie:
        with request.app.state.db.session() as s:
            identity.touch_session(s, cookie)
    principal = identity.principal_of(live.account)
    trail.name_caller(principal)
    return Caller(principal, live.account, live.csrf_token, "session")


def _lookup_key(request: Request, key: str) -> Caller | None:
    with request.app.state.db.session(write=False) as s:
        principal = identity.resolve_api_key(s, key, request.app.state.settings.provincial_api_key)
    if principal:
        trail.name_caller(principal)
    trail.note_key_use(request, principal.sub if principal else None)
    return Caller(principal, via="api_key") if principal else None


async def current_caller(request: Request) -> Caller:
    """Who is calling; a bad API key is 401, a missing CSRF token on a write is 403."""
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        caller = await run_in_threadpool(_lookup_key, request, key.strip())
        if caller is None:
            raise Unauthorized("Unknown API key.", headers={"WWW-Authenticate": "Bearer"})
        return caller
    if session_id(request) is None:
        return Caller(identity.ANONYMOUS)
    caller = await run_in_threadpool(_lookup_session, request)
    if caller is None:
        return Caller(identity.ANONYMOUS)
    if request.method not in SAFE:
        given = request.headers.get(CSRF_HEADER)
        form_types = ("application/x-www-form-urlencoded", "multipart/form-data")
        if given is None and request.headers.get("content-type", "").startswith(form_types):
            if request.url.path.startswith("/api/"):
                await request.body()  # kept (within the body limit): the proxy forwards it
            given = (await request.form()).get("csrf_token")  # type: ignore[assignment]
        if not identity.csrf_matches(caller.csrf_token or "", given):
            raise Forbidden("Missing or wrong CSRF token; reload the page and try again.")
    return caller


async def shown_caller(request: Request) -> Caller:
    """Who the page is shown to (its menu and name), read from the session cookie alone: for
    a refusal answered before the body is read, so no CSRF check (nothing is done)."""
    if session_id(request) is None:
        return Caller(identity.ANONYMOUS)
    return await run_in_threadpool(_lookup_session, request) or Caller(identity.ANONYMOUS)


CallerDep = Annotated[Caller, Depends(current_caller)]
