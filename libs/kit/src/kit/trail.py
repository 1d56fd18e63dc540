"""The audit trail over HTTP: who each request's caller is, and the read-only endpoint through
which the audit administrator reads a part's trail."""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from kit import audit
from kit.auth import Principal, verify
from kit.errors import Invalid, Unauthorized
from kit.logs import header

AUDITOR = "audit_admin"
MAX_PAGE = 500
Text = Annotated[str | None, Query(max_length=120, pattern=r"^[^\x00-\x1f]*$")]


def role_of(principal: Principal) -> str:
    """The roles an entry names: all but `public`, which everyone holds."""
    return ",".join(r for r in principal.roles if r != "public")


class AuditCallerMiddleware:
    """Names the caller of each request for the trail (`kit.audit.caller_var`): a service reads
    the gateway's signed token (subject, roles, the person's address); the gateway starts from
    the client's address and fills in the rest once it knows the caller."""

    def __init__(self, app: ASGIApp, secret: str) -> None:
        self.app, self.secret = app, secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            caller = audit.Caller(address=str((scope.get("client") or ("",))[0])[:64])
            given = (header(scope, b"authorization") or b"").decode("latin-1")
            scheme, _, token = given.partition(" ")
            if scheme.lower() == "bearer" and token.count(".") == 2:
                try:
                    principal = verify(token.strip(), self.secret)
                    caller = audit.Caller(principal.sub, role_of(principal),
                                          principal.address or caller.address)
                except Unauthorized:
                    pass
            reset = audit.caller_var.set(caller)
            try:
                await self.app(scope, receive, send)
            finally:
                audit.caller_var.reset(reset)
            return
        await self.app(scope, receive, send)


class Entry(BaseModel):
    """One audit entry as the audit administrator reads it."""

    id: int
    at: datetime
    actor: str
    role: str | None
    address: str | None
    request_id: str | None
    action: str
    entity: str
    entity_id: str
    outcome: str | None
    before: Any
    after: Any
    prev_hash: str
    hash: str


class Entries(BaseModel):
    """A page of a part's trail, newest first, and how many entries match."""

    items: list[Entry]
    total: int


def utc(value: datetime | None, name: str) -> datetime | None:
    """An aware time in UTC; a time that has no UTC equivalent is refused (422)."""
    try:
        return value.astimezone(UTC) if value else None
    except (OverflowError, ValueError) as exc:
        raise Invalid(f"{name} is out of range.") from exc


def read_entries(session: Session, table: Table, *, actor: str | None = None,
                 action: str | None = None, outcome: str | None = None,
                 since: datetime | None = None, until: datetime | None = None,
                 limit: int = 100, offset: int = 0) -> Entries:
    """The entries matching the filters (`action` matches a prefix), newest first."""
    where = [c for c in (
        table.c.actor == actor if actor else None,
        table.c.action.startswith(action, autoescape=True) if action else None,
        table.c.outcome == outcome if outcome else None,
        table.c.at >= since if since else None,
        table.c.at < until if until else None) if c is not None]
    total = session.scalar(select(func.count()).select_from(table).where(*where)) or 0
    rows = session.execute(select(table).where(*where).order_by(table.c.id.desc())
                           .limit(limit).offset(offset))
    return Entries(items=[Entry.model_validate(dict(r._mapping)) for r in rows], total=total)
