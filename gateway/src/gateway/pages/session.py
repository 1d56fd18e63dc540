"""Sign-in, sign-out, language and the home page."""

from typing import Annotated
from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from gateway import identity
from gateway.access import SESSION_COOKIE, CallerDep
from gateway.api import set_session_cookie, sign_in_account
from gateway.i18n import LANG_COOKIE, LANGUAGES
from gateway.page import render, translate
from kit.errors import Unauthorized

router = APIRouter(include_in_schema=False)
HOME_BY_ROLE = [("editor", "/editor/matters"), ("lead", "/review/cases"),
                ("reviewer", "/review/cases"), ("clerk", "/clerk/applications"),
                ("approver", "/approver/applications"), ("applicant", "/my/applications"),
                ("butler", "/my/applications"), ("audit_admin", "/audit")]


def safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect a signed-in visitor to another site."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page(request: Request, caller: CallerDep, next: str = "/") -> Response:
    """The sign-in form."""
    return render(request, "sign_in.html", caller, error=None, next=safe_next(next), username="")


@router.post("/sign-in")
async def sign_in(request: Request, caller: CallerDep,
                  username: Annotated[str, Form(max_length=80)] = "",
                  password: Annotated[str, Form(max_length=200)] = "",
                  next: Annotated[str, Form()] = "/") -> Response:
    """Check the password, open a session and go on."""
    try:
        session_id, _, me = await run_in_threadpool(sign_in_account, request, username, password)
    except Unauthorized:
        return render(request, "sign_in.html", caller, status=401,
                      error=translate(request).gettext("用户名或密码错误。"),
                      next=safe_next(next), username=username)
    target = safe_next(next)
    if target == "/":
        target = next_home(me.roles)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, session_id)
    return response


def next_home(roles: list[str]) -> str:
    return next((path for role, path in HOME_BY_ROLE if role in roles), "/")


@router.post("/sign-out")
async def sign_out(request: Request, caller: CallerDep) -> Response:
    """End the session on the server and forget the cookie."""
    with request.app.state.db.session() as s:
        identity.close_session(s, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
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
