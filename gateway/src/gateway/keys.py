"""API keys for machine clients: an administrator issues (shown once), lists and revokes them."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlmodel import col
from starlette.concurrency import run_in_threadpool

from gateway import identity
from gateway.access import CallerDep
from gateway.models import ApiKey, audit
from kit.audit import record
from kit.clock import now
from kit.errors import Forbidden, NotFound
from kit.types import Id, Input

router = APIRouter(prefix="/api/admin/api-keys", tags=["gateway"])
MachineRole = Literal["provincial_system", "supervisor"]


class KeyRequest(Input):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    roles: Annotated[list[MachineRole], Field(min_length=1)]


class KeyRead(BaseModel):
    id: int
    name: str
    roles: list[str]
    created_at: datetime
    revoked_at: datetime | None


class IssuedKey(KeyRead):
    key: str  # shown once; only its hash is kept


def admin_only(caller: CallerDep) -> str:
    if not caller.signed_in or "admin" not in caller.principal.roles:
        raise Forbidden("Only an administrator manages API keys.")
    return caller.principal.sub


def _issue(request: Request, body: KeyRequest, actor: str) -> IssuedKey:
    with request.app.state.db.session() as s:
        key = identity.issue_api_key(s, name=body.name, roles=list(body.roles))
        s.flush()
        row = s.scalars(select(ApiKey).where(col(ApiKey.key_hash) == identity.sha256(key))).one()
        record(s, audit, actor=actor, action="api_key.issued", entity="api_key",
               entity_id=str(row.id), after={"name": row.name, "roles": row.roles})
        return IssuedKey(key=key, **KeyRead.model_validate(row, from_attributes=True).model_dump())


@router.post("", response_model=IssuedKey, status_code=201)
async def issue(body: KeyRequest, request: Request, caller: CallerDep) -> IssuedKey:
    """Issue a key for a machine client; the key is in this response only."""
    return await run_in_threadpool(_issue, request, body, admin_only(caller))


@router.get("", response_model=list[KeyRead])
async def list_keys(request: Request, caller: CallerDep) -> list[KeyRead]:
    """Every key issued, without the keys themselves."""
    admin_only(caller)
    with request.app.state.db.session(write=False) as s:
        return [KeyRead.model_validate(k, from_attributes=True)
                for k in s.scalars(select(ApiKey).order_by(col(ApiKey.id)))]


@router.delete("/{key_id}", status_code=204)
async def revoke(key_id: Id, request: Request, caller: CallerDep) -> None:
    """Revoke a key: it is refused from now on."""
    actor = admin_only(caller)
    with request.app.state.db.session() as s:
        row = s.get(ApiKey, key_id)
        if row is None:
            raise NotFound(f"No API key {key_id}.")
        row.revoked_at = row.revoked_at or now()
        record(s, audit, actor=actor, action="api_key.revoked", entity="api_key",
               entity_id=str(key_id))
