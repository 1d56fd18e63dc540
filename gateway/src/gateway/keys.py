"""API keys for machine clients: the security administrator issues (shown once), lists, revokes."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlmodel import col
from starlette.concurrency import run_in_threadpool

from gateway import identity
from gateway.access import CallerDep
from gateway.administrators import SECURITY, acting_as
from gateway.models import ApiKey, audit
from kit.audit import record
from kit.clock import now
from kit.errors import NotFound
from kit.types import Id, Input

router = APIRouter(prefix="/api/admin/api-keys", tags=["gateway"])
MachineRole = Literal["provincial_system", "supervisor"]  # identity.MACHINE_ROLES
MAX_KEY_DAYS = 366


class KeyRequest(Input):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    roles: Annotated[list[MachineRole], Field(min_length=1, max_length=2)]
    days: Annotated[int | None, Field(ge=1, le=MAX_KEY_DAYS,
                                      description="days valid (ONEWINDOW_API_KEY_DAYS)")] = None


class KeyRead(BaseModel):
    id: int
    name: str
    roles: list[str]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class IssuedKey(KeyRead):
    key: str  # shown once; only its hash is kept


def security_only(caller: CallerDep) -> str:
    """The security administrator's username; 403 for anyone else."""
    return acting_as(caller, SECURITY)


def _issue(request: Request, body: KeyRequest, actor: str) -> IssuedKey:
    with request.app.state.db.session() as s:
        days = body.days or request.app.state.settings.api_key_days
        key = identity.issue_api_key(s, name=body.name, roles=list(dict.fromkeys(body.roles)),
                                     days=days)
        s.flush()
        row = s.scalars(select(ApiKey).where(col(ApiKey.key_hash) == identity.sha256(key))).one()
        record(s, audit, actor=actor, action="api_key.issued", entity="api_key",
               entity_id=str(row.id), after={"name": row.name, "roles": row.roles,
                                             "expires_at": row.expires_at.isoformat()})
        return IssuedKey(key=key, **KeyRead.model_validate(row, from_attributes=True).model_dump())


@router.post("", response_model=IssuedKey, status_code=201)
async def issue(body: KeyRequest, request: Request, caller: CallerDep) -> IssuedKey:
    """Issue a key for a machine client; the key is in this response only."""
    return await run_in_threadpool(_issue, request, body, security_only(caller))


@router.get("", response_model=list[KeyRead])
async def list_keys(request: Request, caller: CallerDep) -> list[KeyRead]:
    """Every key issued, without the keys themselves."""
    security_only(caller)
    with request.app.state.db.session(write=False) as s:
        return [KeyRead.model_validate(k, from_attributes=True)
                for k in s.scalars(select(ApiKey).order_by(col(ApiKey.id)))]


@router.delete("/{key_id}", status_code=204)
async def revoke(key_id: Id, request: Request, caller: CallerDep) -> None:
    """Revoke a key: it is refused from now on."""
    actor = security_only(caller)
    with request.app.state.db.session() as s:
        row = s.get(ApiKey, key_id)
        if row is None:
            raise NotFound(f"No API key {key_id}.")
        row.revoked_at = row.revoked_at or now()
        record(s, audit, actor=actor, action="api_key.revoked", entity="api_key",
               entity_id=str(key_id))
