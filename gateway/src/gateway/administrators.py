"""The three administrators (三员分立): each may do its own job and no other's.

- `admin`, the system administrator: accounts, departments, settings;
- `security_admin`, the security administrator: roles, API keys, lock-outs, sessions;
- `audit_admin`, the audit administrator: reads the audit trail, nothing else.
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import AwareDatetime
from starlette.concurrency import run_in_threadpool

from gateway.access import Caller, CallerDep
from gateway.trail import read_own
from kit.errors import Forbidden
from kit.trail import MAX_PAGE, Entries, Text, utc

SYSTEM, SECURITY, AUDIT = "admin", "security_admin", "audit_admin"
ADMINISTRATORS = (SYSTEM, SECURITY, AUDIT)
router = APIRouter(prefix="/api/admin/audit", tags=["gateway"])
JOBS = {SYSTEM: "accounts, departments and settings",
        SECURITY: "roles, API keys, lock-outs and sessions",
        AUDIT: "the audit trail"}


def acting_as(caller: Caller, role: str) -> str:
    """The signed-in administrator's username when it holds `role`, else 403."""
    if not caller.signed_in or role not in caller.principal.roles:
        raise Forbidden(f"Only the {role} manages {JOBS[role]}.")
    return caller.principal.sub


@router.get("", response_model=Entries)
async def own_trail(request: Request, caller: CallerDep, actor: Text = None,
                    action: Text = None, outcome: Text = None,
                    since: AwareDatetime | None = None, until: AwareDatetime | None = None,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Entries:
    """The gateway's audit trail, newest first, filtered (the audit administrator only)."""
    acting_as(caller, AUDIT)
    return await run_in_threadpool(
        read_own, request, actor=actor, action=action, outcome=outcome,
        since=utc(since, "since"), until=utc(until, "until"), limit=limit, offset=offset)
