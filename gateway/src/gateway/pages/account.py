"""The account page: the second factor, the password, and the other sessions."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col
from starlette.concurrency import run_in_threadpool

from gateway import identity, two_factor
from gateway.access import Caller, session_id
from gateway.models import Account, SignInSession
from gateway.page import PageError, SignedIn, render, translate

router = APIRouter(include_in_schema=False)
SHORTEST_PASSWORD = 12


def _own(s: Session, caller: Caller) -> Account:
    """The caller's account row, to change (SignedIn guarantees there is one)."""
    account = s.get(Account, caller.account.id if caller.account else None)
    if account is None:
        raise PageError(404, "account not found")
    return account


def _page(request: Request, caller: Caller, *, status: int = 200, notice: str | None = None,
          error: str | None = None) -> HTMLResponse:
    with request.app.state.db.session(write=False) as s:
        account = _own(s, caller)
        sessions = s.scalar(select(func.count()).select_from(SignInSession)
                            .where(col(SignInSession.account_id) == account.id,
                                   col(SignInSession.stage) == "full"))
    return render(request, "account.html", caller, status=status, notice=notice, error=error,
                  sessions=sessions or 0, account=account, staff=two_factor.is_staff(account))


@router.get("/account", response_class=HTMLResponse)
async def account_page(request: Request, caller: SignedIn) -> Response:
    """Who I am, my second factor, my password, my other sessions."""
    return await run_in_threadpool(_page, request, caller)


@router.post("/account/sessions/end-others")
async def end_other_sessions(request: Request, caller: SignedIn) -> Response:
    """Sign out everywhere else (a lost phone, a shared computer)."""

    def end() -> int:
        with request.app.state.db.session() as s:
            account = _own(s, caller)
            return identity.end_other_sessions(s, account=account, keep=session_id(request))

    ended = await run_in_threadpool(end)
    _ = translate(request)
    return await run_in_threadpool(
        lambda: _page(request, caller, notice=_("已退出其他 %(n)s 个登录。", n=ended)))


@router.post("/account/password")
async def change_password(request: Request, caller: SignedIn,
                          current: Annotated[str, Form(max_length=200)] = "",
                          new: Annotated[str, Form(max_length=200)] = "",
                          again: Annotated[str, Form(max_length=200)] = "") -> Response:
    """A new password (the current one first); every other session of the account ends."""
    _ = translate(request)

    def change() -> str | None:
        with request.app.state.db.session() as s:
            account = _own(s, caller)
            if not identity.verify_password(account, current):
                return _("当前密码不正确。")
            if len(new) < SHORTEST_PASSWORD:
                return _("新密码至少 %(n)s 个字符。", n=SHORTEST_PASSWORD)
            if new != again:
                return _("两次输入的新密码不一致。")
            identity.set_password(s, account=account, password=new, keep=session_id(request))
        return None

    error = await run_in_threadpool(change)
    if error is not None:
        return await run_in_threadpool(lambda: _page(request, caller, status=422, error=error))
    return await run_in_threadpool(
        lambda: _page(request, caller, notice=_("密码已修改，其他登录已全部退出。")))
