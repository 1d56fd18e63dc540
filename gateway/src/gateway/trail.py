"""The gateway's own audit trail: refused requests, API-key use, the caller's name, and the
audit administrator's read of it."""

from datetime import datetime

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.models import audit
from kit import audit as audit_trail
from kit.audit import record
from kit.auth import Principal
from kit.trail import Entries, read_entries, role_of


def name_caller(principal: Principal) -> None:
    """Tell the audit trail who this request's caller is."""
    named = audit_trail.caller_var.get()
    if named is not None:
        named.actor, named.role = principal.sub, role_of(principal)


def note_key_use(request: Request, key_name: str | None) -> None:
    """Record an API key's use (or a refused key) with what it was used for."""
    target = f"{request.method} {request.url.path}"[:120]
    with request.app.state.db.session() as s:
        record(s, audit, actor=key_name or "unknown-key",
               action="api_key.used" if key_name else "api_key.refused", entity="request",
               entity_id=target, outcome="succeeded" if key_name else "denied")


def _note_denial(app: ASGIApp, method: str, path: str) -> None:
    named = audit_trail.caller_var.get() or audit_trail.Caller()
    with app.state.db.session() as s:  # type: ignore[attr-defined]  # the gateway's app
        record(s, audit, actor=named.actor or "anonymous", action="request.denied",
               entity="request", entity_id=f"{method} {path}"[:120], outcome="denied")


class DenialMiddleware:
    """Every refused request (403), page or API, leaves an entry in the gateway's trail."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watch)
        if status == 403:
            await run_in_threadpool(_note_denial, scope["app"], scope["method"], scope["path"])


def read_own(request: Request, *, actor: str | None = None, action: str | None = None,
             outcome: str | None = None, since: datetime | None = None,
             until: datetime | None = None, limit: int = 100, offset: int = 0) -> Entries:
    """The gateway's own entries, newest first, filtered as the services' trails are."""
    with request.app.state.db.session(write=False) as s:
        return read_entries(s, audit, actor=actor, action=action, outcome=outcome,
                            since=since, until=until, limit=limit, offset=offset)
