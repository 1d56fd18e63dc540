"""Resolving the caller of each request: session cookie, API key, or anonymous."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from gateway import identity
from gateway.models import Account
from kit.auth import Principal
from kit.errors import Forbidden, Unauthorized

SESSION_COOKIE = "ow_session"
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


def _lookup_session(request: Request) -> Caller | None:
    with request.app.state.db.session(write=False) as s:
        found = identity.resolve_session(s, request.cookies.get(SESSION_COOKIE))
    if found is None:
        return None
    account, csrf = found
    return Caller(identity.principal_of(account), account, csrf, "session")


def _lookup_key(request: Request, key: str) -> Caller | None:
    with request.app.state.db.session(write=False) as s:
        principal = identity.resolve_api_key(s, key, request.app.state.settings.provincial_api_key)
    return Caller(principal, via="api_key") if principal else None


async def current_caller(request: Request) -> Caller:
    """Who is calling; a bad API key is 401, a missing CSRF token on a write is 403."""
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        caller = await run_in_threadpool(_lookup_key, request, key.strip())
        if caller is None:
            raise Unauthorized("Unknown API key.", headers={"WWW-Authenticate": "Bearer"})
        return caller
    if SESSION_COOKIE not in request.cookies:
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


CallerDep = Annotated[Caller, Depends(current_caller)]
