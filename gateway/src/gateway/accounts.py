"""Accounts: the system administrator creates, disables and enables them; the security
administrator gives their roles and ends their sessions. Every change is audited."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlmodel import col
from starlette.concurrency import run_in_threadpool

from gateway import identity
from gateway.access import CallerDep
from gateway.administrators import ADMINISTRATORS, SECURITY, SYSTEM, acting_as
from gateway.models import Account, SignInSession, audit
from kit.audit import record
from kit.errors import Conflict, Forbidden, NotFound

router = APIRouter(prefix="/api/admin/accounts", tags=["gateway"])
NAME = r"^[A-Za-z0-9_.@-]+$"
Username = Annotated[str, Path(min_length=1, max_length=80, pattern=NAME)]
# The roles the security administrator gives; the three administrators are set up at
# installation (python -m gateway demo, or the database's owner), never through the API.
AssignableRole = Literal["applicant", "butler", "clerk", "editor", "approver", "reviewer",
                         "lead", "publisher", "supervisor", "guidance"]


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: Annotated[str, Field(min_length=1, max_length=80, pattern=NAME)]
    display_name: Annotated[str, Field(min_length=1, max_length=100)]
    password: Annotated[str, Field(min_length=12, max_length=200)]
    department: Annotated[str | None, Field(max_length=18, pattern=NAME)] = None
    group_code: Annotated[str | None, Field(max_length=20, pattern=NAME)] = None
    enterprise: Annotated[str | None, Field(max_length=18, pattern=NAME)] = None


class RolesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    roles: Annotated[list[AssignableRole], Field(max_length=4)]


class AccountRead(BaseModel):
    username: str
    display_name: str
    roles: list[str]
    department: str | None
    group_code: str | None
    enterprise: str | None
    disabled: bool


def _account(s: Session, username: str) -> Account:
    found = s.scalars(select(Account).where(col(Account.username) == username)).first()
    if found is None:
        raise NotFound(f"No account {username}.")
    return found


def _read(account: Account) -> AccountRead:
    return AccountRead.model_validate(account, from_attributes=True)


def _end_sessions(s: Session, account: Account) -> None:
    s.execute(delete(SignInSession).where(col(SignInSession.account_id) == account.id))


@router.get("", response_model=list[AccountRead])
async def list_accounts(request: Request, caller: CallerDep) -> list[AccountRead]:
    """Every account with its roles (the system and the security administrator)."""
    if not caller.principal.has(SYSTEM, SECURITY):
        acting_as(caller, SYSTEM)
    with request.app.state.db.session(write=False) as s:
        return [_read(a) for a in s.scalars(select(Account).order_by(col(Account.username)))]


def _create(request: Request, body: AccountIn, actor: str) -> AccountRead:
    with request.app.state.db.session() as s:
        if s.scalars(select(Account).where(col(Account.username) == body.username)).first():
            raise Conflict(f"The account {body.username} exists already.")
        account = identity.create_account(s, roles=[], **body.model_dump())
        record(s, audit, actor=actor, action="account.created", entity="account",
               entity_id=body.username, after=_read(account).model_dump())
        return _read(account)


@router.post("", response_model=AccountRead, status_code=201)
async def create(body: AccountIn, request: Request, caller: CallerDep) -> AccountRead:
    """Create an account without roles (the security administrator gives them)."""
    return await run_in_threadpool(_create, request, body, acting_as(caller, SYSTEM))


def _set_disabled(request: Request, username: str, disabled: bool, actor: str) -> AccountRead:
    with request.app.state.db.session() as s:
        account = _account(s, username)
        if username == actor:
            raise Forbidden("An administrator does not disable their own account.")
        account.disabled = disabled
        if disabled:
            _end_sessions(s, account)
        record(s, audit, actor=actor, action="account.disabled" if disabled else
               "account.enabled", entity="account", entity_id=username)
        return _read(account)


@router.post("/{username}/disable", response_model=AccountRead)
async def disable(username: Username, request: Request, caller: CallerDep) -> AccountRead:
    """Disable an account: it cannot sign in, and its sessions end now."""
    return await run_in_threadpool(_set_disabled, request, username, True,
                                   acting_as(caller, SYSTEM))


@router.post("/{username}/enable", response_model=AccountRead)
async def enable(username: Username, request: Request, caller: CallerDep) -> AccountRead:
    """Enable an account again (its old sessions stay ended)."""
    return await run_in_threadpool(_set_disabled, request, username, False,
                                   acting_as(caller, SYSTEM))


def _set_roles(request: Request, username: str, roles: list[str], actor: str) -> AccountRead:
    with request.app.state.db.session() as s:
        account = _account(s, username)
        if username == actor or set(account.roles) & set(ADMINISTRATORS):
            raise Forbidden("An administrator's roles are set at installation, not here.")
        before, account.roles = account.roles, list(dict.fromkeys(roles))
        record(s, audit, actor=actor, action="account.roles_set", entity="account",
               entity_id=username, before={"roles": before}, after={"roles": account.roles})
        return _read(account)


@router.put("/{username}/roles", response_model=AccountRead)
async def set_roles(username: Username, body: RolesIn, request: Request,
                    caller: CallerDep) -> AccountRead:
    """Give an account its roles (never an administrator's); they hold from its next request."""
    return await run_in_threadpool(_set_roles, request, username, list(body.roles),
                                   acting_as(caller, SECURITY))


def _close_sessions(request: Request, username: str, actor: str) -> None:
    with request.app.state.db.session() as s:
        _end_sessions(s, _account(s, username))
        record(s, audit, actor=actor, action="account.sessions_ended", entity="account",
               entity_id=username)


@router.delete("/{username}/sessions", status_code=204)
async def end_sessions(username: Username, request: Request, caller: CallerDep) -> None:
    """End every session of an account (signed out everywhere)."""
    await run_in_threadpool(_close_sessions, request, username, acting_as(caller, SECURITY))
