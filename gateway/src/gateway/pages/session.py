"""Sign-in (the password, then the second factor), sign-out and the language."""

from functools import partial
from typing import Annotated
from urllib.parse import quote, urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from gateway import identity, sign_in
from gateway.access import Caller, CallerDep, session_id
from gateway.api import address, forget_session_cookie, set_session_cookie
from gateway.i18n import LANG_COOKIE, LANGUAGES
from gateway.page import clock_time, next_home, render, safe_next, translate

router = APIRouter(include_in_schema=False)
STEP_PAGES = {"code": "/sign-in/code", "enrol": "/sign-in/enrol"}


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page(request: Request, caller: CallerDep, next: str = "/") -> Response:
    """The sign-in form."""
    return render(request, "sign_in.html", caller, error=None, next=safe_next(next), username="")


@router.post("/sign-in")
async def sign_in_with_password(
        request: Request, caller: CallerDep,
        username: Annotated[str, Form(max_length=80)] = "",
        password: Annotated[str, Form(max_length=200)] = "",
        next: Annotated[str, Form(max_length=2000)] = "/",
        end_others: Annotated[bool, Form()] = False) -> Response:
    """Check the password (throttled), then go on: to the second factor, or signed in."""
    target = safe_next(next)
    try:
        started = await run_in_threadpool(partial(
            sign_in.with_password, request.app.state.db, request.app.state.settings,
            username=username, password=password, address=address(request),
            end_others=end_others))
    except sign_in.Refused as refused:
        status, error = refusal(request, refused)
        return render(request, "sign_in.html", caller, status=status, error=error,
                      next=target, username=username)
    if started.stage != "full":
        step = f"{STEP_PAGES[started.stage]}?next={quote(target)}"
        return signed_in(request, started, step + ("&end_others=true" if end_others else ""))
    return signed_in(request, started, target)


def refusal(request: Request, refused: sign_in.Refused, *,
            code: bool = False) -> tuple[int, str]:
    """A refused sign-in step as (status, a sentence saying what to do and when)."""
    _ = translate(request)
    if isinstance(refused, sign_in.Blocked):
        return 429, _("登录失败次数过多，请于北京时间 %(time)s 后再试。",
                      time=clock_time(refused.until))
    if isinstance(refused, sign_in.Expired):
        return 401, _("登录已超时，请重新输入用户名和密码。")
    wrong = _("验证码不正确。") if code else _("用户名或密码错误。")
    if isinstance(refused, sign_in.WrongAnswer) and refused.until is not None:
        if refused.locked:
            return 429, wrong + _("登录失败次数过多，请于北京时间 %(time)s 后再试。",
                                  time=clock_time(refused.until))
        return 401, wrong + _("失败次数较多，请于北京时间 %(time)s 后再试。",
                              time=clock_time(refused.until))
    return 401, wrong


def signed_in(request: Request, started: sign_in.Started, target: str) -> Response:
    """The session's cookie, and on to `target` (home for the account when it is "/")."""
    if target == "/" and started.stage == "full":
        target = next_home(started.account.roles)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, started.session_id, started.stage)
    return response


@router.get("/sign-in/code", response_class=HTMLResponse)
async def code_page(request: Request, next: str = "/", end_others: bool = False) -> Response:
    """The second step: the one-time code from the authenticator app."""
    with request.app.state.db.session(write=False) as s:
        found = identity.pending_session(s, session_id(request), "code")
    if found is None:
        return RedirectResponse("/sign-in", status_code=303)
    return render(request, "sign_in_code.html", Caller(identity.ANONYMOUS), error=None,
                  next=safe_next(next), end_others=end_others, pending_csrf=found[0].csrf_token)


@router.post("/sign-in/code")
async def sign_in_with_code(
        request: Request, code: Annotated[str, Form(max_length=40)] = "",
        next: Annotated[str, Form(max_length=2000)] = "/",
        end_others: Annotated[bool, Form()] = False,
        csrf_token: Annotated[str, Form(max_length=64)] = "") -> Response:
    """Check the code (throttled like the password) and complete the sign-in."""
    cookie = session_id(request)
    with request.app.state.db.session(write=False) as s:
        found = identity.pending_session(s, cookie, "code")
    if found is None or not identity.csrf_matches(found[0].csrf_token, csrf_token):
        return RedirectResponse("/sign-in", status_code=303)
    try:
        started = await run_in_threadpool(partial(
            sign_in.with_code, request.app.state.db, request.app.state.settings,
            session_id=cookie, code=code, address=address(request), end_others=end_others))
    except sign_in.Refused as refused:
        status, error = refusal(request, refused, code=True)
        if not isinstance(refused, sign_in.WrongAnswer):
            return render(request, "sign_in.html", Caller(identity.ANONYMOUS), status=status,
                          error=error, next=safe_next(next), username="")
        return render(request, "sign_in_code.html", Caller(identity.ANONYMOUS), status=status,
                      error=error, next=safe_next(next), end_others=end_others,
                      pending_csrf=found[0].csrf_token)
    return signed_in(request, started, safe_next(next))


@router.post("/sign-out")
async def sign_out(request: Request, caller: CallerDep) -> Response:
    """End the session on the server and forget the cookie."""
    with request.app.state.db.session() as s:
        identity.close_session(s, session_id(request))
    response = RedirectResponse("/", status_code=303)
    forget_session_cookie(request, response)
    return response


@router.post("/language")
async def switch_language(request: Request, caller: CallerDep,
                          lang: Annotated[str, Form()] = "zh") -> Response:
    """Remember the page language."""
    back = urlparse(request.headers.get("referer") or "/")
    response = RedirectResponse(safe_next(back.path + (f"?{back.query}" if back.query else "")),
                                status_code=303)
    if lang in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, samesite="lax", max_age=365 * 86400, path="/")
    return response
