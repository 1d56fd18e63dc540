"""Accounts on pages: the system administrator creates (with a one-time link), changes,
resets, disables and enables them; the security administrator gives their roles and ends
their sessions (三员分立: each sees the other's forms only as facts)."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import col
from starlette.concurrency import run_in_threadpool

from gateway import invitations, roster, scopes
from gateway.accounts import AccountChange, AccountIn, AssignableRole
from gateway.administrators import ADMINISTRATORS
from gateway.models import Account, audit
from gateway.page import (
    AccountKeeper,
    Admin,
    PageError,
    SecurityAdmin,
    link,
    render,
    translate,
)
from kit.audit import record
from kit.errors import DomainError

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=200)]
Username = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.@-]+$")]
ROLE_CHOICES = list(AssignableRole.__args__)  # type: ignore[attr-defined]  # a Literal's values


def _read(request: Request, username: str | None = None) -> dict[str, Any]:
    with request.app.state.db.session(write=False) as s:
        accounts = list(s.scalars(select(Account).order_by(col(Account.username))))
        units = {u.code: u.name for u in roster.units(session=s)}
        for account in accounts:
            s.expunge(account)
    chosen = next((a for a in accounts if a.username == username), None)
    return {"accounts": accounts, "units": units, "account": chosen}


async def _known(request: Request, caller: Any) -> scopes.Known | None:
    """The departments and groups to choose from (the system administrator's forms only)."""
    if "admin" not in caller.principal.roles:
        return None
    return await scopes.known(link(request, caller))


async def list_page(request: Request, caller: Any, *, status: int = 200,
                    **context: Any) -> Response:
    """Every account, and the form of a new one."""
    found = await run_in_threadpool(_read, request)
    return render(request, "admin_accounts.html", caller, status=status,
                  known=await _known(request, caller), typed=context.pop("typed", {}),
                  **found, **context)


@router.get("/admin/accounts", response_class=HTMLResponse)
async def accounts(request: Request, caller: AccountKeeper) -> Response:
    """Every account with its roles, scope, unit and state."""
    return await list_page(request, caller)


def _problem(request: Request, exc: ValidationError | DomainError) -> str:
    _ = translate(request)
    if isinstance(exc, DomainError):
        return _("未能保存：%(detail)s", detail=exc.detail)
    fields = "、".join(str(e["loc"][-1]) for e in exc.errors() if e.get("loc"))
    return _("填写的内容不符合要求，请检查：%(fields)s", fields=fields)


@router.post("/admin/accounts", response_class=HTMLResponse)
async def create(request: Request, caller: Admin, username: Text = "", display_name: Text = "",
                 department: Text = "", group_code: Text = "", unit: Text = "") -> Response:
    """A new account without roles; its one-time link is shown this once."""
    typed = {"username": username, "display_name": display_name, "department": department,
             "group_code": group_code, "unit": unit}
    try:
        body = AccountIn(**{k: v.strip() or None for k, v in typed.items()})
        (await scopes.known(link(request, caller))).check(department=body.department,
                                                          group_code=body.group_code)
        created = await run_in_threadpool(_create, request, body, caller.principal.sub)
    except (ValidationError, DomainError) as refused:
        return await list_page(request, caller, status=422, typed=typed,
                               error=_problem(request, refused))
    return await list_page(request, caller, status=201, invited=created)


def _create(request: Request, body: AccountIn, actor: str) -> dict[str, Any]:
    with request.app.state.db.session() as s:
        account = roster.create(session=s, actor=actor, **body.model_dump())
        issued = invitations.issue(session=s, actor=actor, account=account, reset=False)
        return {"username": account.username, "display_name": account.display_name,
                "url": scopes.link_url(request, issued.path), "expires_at": issued.expires_at}


async def account_page(request: Request, caller: Any, username: str, *, status: int = 200,
                       **context: Any) -> Response:
    """One account: its facts, and the forms of the caller's job."""
    found = await run_in_threadpool(_read, request, username)
    if found["account"] is None:
        raise PageError(404, translate(request).gettext("没有找到该账号。"))
    return render(request, "admin_account.html", caller, status=status,
                  known=await _known(request, caller), role_choices=ROLE_CHOICES,
                  administrators=ADMINISTRATORS, **found, **context)


@router.get("/admin/accounts/{username}", response_class=HTMLResponse)
async def account(request: Request, caller: AccountKeeper, username: Username,
                  done: str = "") -> Response:
    """One account, with what the caller may do to it."""
    _ = translate(request)
    notice = {"disabled": _("账号已停用，其所有登录已退出。"), "enabled": _("账号已启用。"),
              "saved": _("已保存。"), "roles": _("角色已更新，下次操作时生效。"),
              "sessions": _("该账号的所有登录已退出。")}.get(done)
    return await account_page(request, caller, username, notice=notice)


@router.post("/admin/accounts/{username}", response_class=HTMLResponse)
async def change(request: Request, caller: Admin, username: Username, display_name: Text = "",
                 department: Text = "", group_code: Text = "", unit: Text = "") -> Response:
    """Change the account's name, department, group (a clerk's window) or unit."""
    try:
        body = AccountChange(display_name=display_name.strip() or None,
                             department=department or None, group_code=group_code or None,
                             unit=unit or None)
        changes = body.model_dump()
        if changes["display_name"] is None:
            changes.pop("display_name")
        (await scopes.known(link(request, caller))).check(department=body.department,
                                                          group_code=body.group_code)
        await run_in_threadpool(_act, request, username, caller.principal.sub,
                                lambda s, a, actor: roster.update(
                                    session=s, actor=actor, account=a, changes=changes))
    except (ValidationError, DomainError) as refused:
        return await account_page(request, caller, username, status=422,
                                  error=_problem(request, refused))
    return RedirectResponse(f"/admin/accounts/{username}?done=saved", status_code=303)


def _act(request: Request, username: str, actor: str, action: Any) -> Any:
    with request.app.state.db.session() as s:
        return action(s, roster.find(session=s, username=username), actor)


@router.post("/admin/accounts/{username}/disable")
async def disable(request: Request, caller: Admin, username: Username) -> Response:
    """Disable: the account cannot sign in and its sessions end now."""
    await run_in_threadpool(_act, request, username, caller.principal.sub,
                            lambda s, a, actor: roster.set_disabled(
                                session=s, actor=actor, account=a, disabled=True))
    return RedirectResponse(f"/admin/accounts/{username}?done=disabled", status_code=303)


@router.post("/admin/accounts/{username}/enable")
async def enable(request: Request, caller: Admin, username: Username) -> Response:
    """Enable the account again."""
    await run_in_threadpool(_act, request, username, caller.principal.sub,
                            lambda s, a, actor: roster.set_disabled(
                                session=s, actor=actor, account=a, disabled=False))
    return RedirectResponse(f"/admin/accounts/{username}?done=enabled", status_code=303)


@router.post("/admin/accounts/{username}/reset", response_class=HTMLResponse)
async def reset(request: Request, caller: Admin, username: Username) -> Response:
    """A new one-time link: the old password, the sessions and earlier links end."""
    issued = await run_in_threadpool(_act, request, username, caller.principal.sub,
                                     lambda s, a, actor: invitations.issue(
                                         session=s, actor=actor, account=a, reset=True,
                                         administrators=ADMINISTRATORS))
    return await account_page(request, caller, username, invited={
        "url": scopes.link_url(request, issued.path), "expires_at": issued.expires_at})


@router.post("/admin/accounts/{username}/roles")
async def set_roles(request: Request, caller: SecurityAdmin, username: Username) -> Response:
    """The account's roles (the security administrator; never an administrator's)."""
    chosen = [r for r in (await request.form()).getlist("roles")
              if isinstance(r, str) and r in ROLE_CHOICES]
    await run_in_threadpool(_act, request, username, caller.principal.sub,
                            lambda s, a, actor: roster.set_roles(
                                session=s, actor=actor, account=a, roles=chosen,
                                administrators=ADMINISTRATORS))
    return RedirectResponse(f"/admin/accounts/{username}?done=roles", status_code=303)


@router.post("/admin/accounts/{username}/sessions")
async def end_sessions(request: Request, caller: SecurityAdmin, username: Username) -> Response:
    """Sign the account out everywhere."""

    def end(s: Any, account: Account, actor: str) -> None:
        roster.end_sessions(s, account)
        record(s, audit, actor=actor, action="account.sessions_ended", entity="account",
               entity_id=account.username)

    await run_in_threadpool(_act, request, username, caller.principal.sub, end)
    return RedirectResponse(f"/admin/accounts/{username}?done=sessions", status_code=303)
