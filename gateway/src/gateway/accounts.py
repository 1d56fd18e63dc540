"""Accounts: the system administrator creates, invites, changes, resets, disables and enables
them; the security administrator gives their roles and ends their sessions. Every change is
audited and told to review (`account.changed`)."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlmodel import col
from starlette.concurrency import run_in_threadpool

from gateway import invitations, roster, scopes
from gateway.access import CallerDep
from gateway.administrators import ADMINISTRATORS, SECURITY, SYSTEM, acting_as
from gateway.models import Account, audit
from kit.audit import record

router = APIRouter(prefix="/api/admin/accounts", tags=["gateway"])
NAME = r"^[A-Za-z0-9_.@-]+$"
Username = Annotated[str, Path(min_length=1, max_length=80, pattern=NAME)]
DisplayName = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f]+$")]
Department = Annotated[str | None, Field(max_length=18, pattern=NAME)]
GroupCode = Annotated[str | None, Field(max_length=20, pattern=NAME)]
UnitCode = Annotated[str | None, Field(max_length=20, pattern=NAME)]
# The roles the security administrator gives; the three administrators are set up at
# installation (python -m gateway demo, or the database's owner), never through the API.
AssignableRole = Literal["applicant", "butler", "clerk", "editor", "approver", "reviewer",
                         "lead", "publisher", "supervisor", "guidance", "leader"]


class AccountIn(BaseModel):
    """A new account; without a password it gets a one-time link to set one."""

    model_config = ConfigDict(extra="forbid")
    username: Annotated[str, Field(min_length=1, max_length=80, pattern=NAME)]
    display_name: DisplayName
    password: Annotated[str | None, Field(min_length=12, max_length=200)] = None
    department: Department = None
    group_code: GroupCode = None
    enterprise: Annotated[str | None, Field(max_length=18, pattern=NAME)] = None
    unit: UnitCode = None


class AccountChange(BaseModel):
    """What changes on an account (a field left out stays; null clears it)."""

    model_config = ConfigDict(extra="forbid")
    display_name: DisplayName | None = None
    department: Department = None
    group_code: GroupCode = None
    unit: UnitCode = None


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
    unit: str | None = None
    disabled: bool


class OneTimeLink(BaseModel):
    """A link to set the password, shown once: it works once, until `expires_at`."""

    url: str
    expires_at: datetime


class AccountCreated(AccountRead):
    invitation: OneTimeLink | None = None


def _read(account: Account) -> AccountRead:
    return AccountRead.model_validate(account, from_attributes=True)


def one_time_link(request: Request, link: invitations.Link) -> OneTimeLink:
    """The link as the administrator hands it on."""
    return OneTimeLink(url=scopes.link_url(request, link.path), expires_at=link.expires_at)


@router.get("", response_model=list[AccountRead])
async def list_accounts(request: Request, caller: CallerDep) -> list[AccountRead]:
    """Every account with its roles (the system and the security administrator)."""
    if not caller.principal.has(SYSTEM, SECURITY):
        acting_as(caller, SYSTEM)
    with request.app.state.db.session(write=False) as s:
        return [_read(a) for a in s.scalars(select(Account).order_by(col(Account.username)))]


@router.get("/{username}", response_model=AccountRead)
async def get_account(username: Username, request: Request, caller: CallerDep) -> AccountRead:
    """One account (the system and the security administrator)."""
    if not caller.principal.has(SYSTEM, SECURITY):
        acting_as(caller, SYSTEM)
    with request.app.state.db.session(write=False) as s:
        return _read(roster.find(session=s, username=username))


def _create(request: Request, body: AccountIn, actor: str) -> AccountCreated:
    with request.app.state.db.session() as s:
        account = roster.create(session=s, actor=actor, **body.model_dump())
        link = None if body.password else invitations.issue(session=s, actor=actor,
                                                            account=account, reset=False)
        return AccountCreated(**_read(account).model_dump(),
                              invitation=one_time_link(request, link) if link else None)


@router.post("", response_model=AccountCreated, status_code=201)
async def create(body: AccountIn, request: Request, caller: CallerDep) -> AccountCreated:
    """Create an account without roles (the security administrator gives them); without a
    password the answer carries its one-time link (72 hours), shown this once."""
    actor = acting_as(caller, SYSTEM)
    known = await scopes.known(scopes.link_of(request, caller.principal))
    known.check(department=body.department, group_code=body.group_code)
    return await run_in_threadpool(_create, request, body, actor)


def _change(request: Request, username: str, changes: dict[str, str | None],
            actor: str) -> AccountRead:
    with request.app.state.db.session() as s:
        account = roster.find(session=s, username=username)
        return _read(roster.update(session=s, actor=actor, account=account, changes=changes))


@router.patch("/{username}", response_model=AccountRead)
async def change(username: Username, body: AccountChange, request: Request,
                 caller: CallerDep) -> AccountRead:
    """Change an account's name, department, review group (a clerk's window) or unit."""
    actor = acting_as(caller, SYSTEM)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("display_name", "") is None:
        changes.pop("display_name")
    known = await scopes.known(scopes.link_of(request, caller.principal))
    known.check(department=changes.get("department"), group_code=changes.get("group_code"))
    return await run_in_threadpool(_change, request, username, changes, actor)


def _reset(request: Request, username: str, actor: str) -> OneTimeLink:
    with request.app.state.db.session() as s:
        account = roster.find(session=s, username=username)
        return one_time_link(request, invitations.issue(session=s, actor=actor,
                                                        account=account, reset=True,
                                                        administrators=ADMINISTRATORS))


@router.post("/{username}/reset", response_model=OneTimeLink)
async def reset(username: Username, request: Request, caller: CallerDep) -> OneTimeLink:
    """A new one-time link to set the password: the old password and every session end, and
    any earlier link stops working."""
    return await run_in_threadpool(_reset, request, username, acting_as(caller, SYSTEM))


def _set_disabled(request: Request, username: str, disabled: bool, actor: str) -> AccountRead:
    with request.app.state.db.session() as s:
        account = roster.find(session=s, username=username)
        return _read(roster.set_disabled(session=s, actor=actor, account=account,
                                         disabled=disabled))


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
        account = roster.find(session=s, username=username)
        return _read(roster.set_roles(session=s, actor=actor, account=account, roles=roles,
                                      administrators=ADMINISTRATORS))


@router.put("/{username}/roles", response_model=AccountRead)
async def set_roles(username: Username, body: RolesIn, request: Request,
                    caller: CallerDep) -> AccountRead:
    """Give an account its roles (never an administrator's); they hold from its next request."""
    return await run_in_threadpool(_set_roles, request, username, list(body.roles),
                                   acting_as(caller, SECURITY))


def _close_sessions(request: Request, username: str, actor: str) -> None:
    with request.app.state.db.session() as s:
        roster.end_sessions(s, roster.find(session=s, username=username))
        record(s, audit, actor=actor, action="account.sessions_ended", entity="account",
               entity_id=username)


@router.delete("/{username}/sessions", status_code=204)
async def end_sessions(username: Username, request: Request, caller: CallerDep) -> None:
    """End every session of an account (signed out everywhere)."""
    await run_in_threadpool(_close_sessions, request, username, acting_as(caller, SECURITY))
