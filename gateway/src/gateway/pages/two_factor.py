"""Enrolling the second factor: during sign-in (every staff account) or from the account page
(applicants who opt in). A QR code to scan, a first code to confirm, recovery codes once."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from gateway import identity, sign_in, two_factor
from gateway.access import Caller, session_id
from gateway.api import address, set_session_cookie
from gateway.models import Account
from gateway.page import SignedIn, next_home, render, safe_next, translate

router = APIRouter(include_in_schema=False)
ENROL_DURING_SIGN_IN = "/sign-in/enrol"
ENROL_FROM_ACCOUNT = "/account/two-factor"


def wrong_code(request: Request) -> str:
    """The refusal of a wrong first code."""
    _ = translate(request)
    return _("验证码不正确，请核对手机时间后重试。")


def _shown(request: Request, caller: Caller, account: Account, *, action: str, csrf: str,
           next: str = "/", end_others: bool = False, error: str | None = None,
           status: int = 200) -> HTMLResponse:
    """The enrolment page: the pending secret as a QR code and as text, and the code form."""
    with request.app.state.db.session() as s:
        fresh = s.get(Account, account.id)
        assert fresh is not None  # the caller's own account
        secret = two_factor.pending_secret(fresh, request.app.state.settings.token_secret)
    uri = two_factor.provisioning_uri(secret, account.username)
    return render(request, "two_factor_enrol.html", caller, status=status, error=error,
                  qr=two_factor.qr_svg(uri), secret=" ".join(secret[i:i + 4]
                                                             for i in range(0, len(secret), 4)),
                  action=action, pending_csrf=csrf, next=next, end_others=end_others)


def _confirmed(request: Request, account_id: int | None, code: str) -> list[str] | None:
    with request.app.state.db.session() as s:
        account = s.get(Account, account_id)
        assert account is not None  # the caller's own account
        return two_factor.confirm(s, account=account, code=code,
                                  token_secret=request.app.state.settings.token_secret)


def _waiting(request: Request) -> tuple[str, Account] | None:
    with request.app.state.db.session(write=False) as s:
        found = identity.pending_session(s, session_id(request), "enrol")
    return (found[0].csrf_token, found[1]) if found else None


@router.get(ENROL_DURING_SIGN_IN, response_class=HTMLResponse)
async def enrol_page(request: Request, next: str = "/", end_others: bool = False) -> Response:
    """A staff account's password was right and it has no second factor yet: enrol now."""
    waiting = _waiting(request)
    if waiting is None:
        return RedirectResponse("/sign-in", status_code=303)
    csrf, account = waiting
    return await run_in_threadpool(
        lambda: _shown(request, Caller(identity.ANONYMOUS), account, action=ENROL_DURING_SIGN_IN,
                       csrf=csrf, next=safe_next(next), end_others=end_others))


@router.post(ENROL_DURING_SIGN_IN)
async def enrol(request: Request, code: Annotated[str, Form(max_length=40)] = "",
                next: Annotated[str, Form(max_length=2000)] = "/",
                end_others: Annotated[bool, Form()] = False,
                csrf_token: Annotated[str, Form(max_length=64)] = "") -> Response:
    """Confirm the first code: the factor is on, the sign-in completes, recovery codes shown."""
    waiting = _waiting(request)
    if waiting is None or not identity.csrf_matches(waiting[0], csrf_token):
        return RedirectResponse("/sign-in", status_code=303)
    csrf, account = waiting
    codes = await run_in_threadpool(_confirmed, request, account.id, code)
    if codes is None:
        return await run_in_threadpool(
            lambda: _shown(request, Caller(identity.ANONYMOUS), account,
                           action=ENROL_DURING_SIGN_IN, csrf=csrf, next=safe_next(next),
                           end_others=end_others, status=422,
                           error=wrong_code(request)))
    started = await run_in_threadpool(
        lambda: sign_in.finish_enrolment(request.app.state.db, request.app.state.settings,
                                         session_id=session_id(request),
                                         address=address(request), end_others=end_others))
    target = safe_next(next)
    caller = Caller(identity.principal_of(started.account), started.account,
                    started.csrf_token, "session")
    response = render(request, "two_factor_codes.html", caller, codes=codes,
                      next=next_home(started.account.roles) if target == "/" else target)
    set_session_cookie(request, response, started.session_id)
    return response


@router.get(ENROL_FROM_ACCOUNT, response_class=HTMLResponse)
async def opt_in_page(request: Request, caller: SignedIn) -> Response:
    """Turn the second factor on from the account page (applicants may; staff already must)."""
    account = caller.account
    if account is None or account.totp_enabled_at is not None:
        return RedirectResponse("/account", status_code=303)
    return await run_in_threadpool(
        lambda: _shown(request, caller, account, action=ENROL_FROM_ACCOUNT,
                       csrf=caller.csrf_token or ""))


@router.post(ENROL_FROM_ACCOUNT)
async def opt_in(request: Request, caller: SignedIn,
                 code: Annotated[str, Form(max_length=40)] = "") -> Response:
    """Confirm the first code; the recovery codes are shown once."""
    account = caller.account
    if account is None or account.totp_enabled_at is not None:
        return RedirectResponse("/account", status_code=303)
    codes = await run_in_threadpool(_confirmed, request, account.id, code)
    if codes is None:
        return await run_in_threadpool(
            lambda: _shown(request, caller, account, action=ENROL_FROM_ACCOUNT,
                           csrf=caller.csrf_token or "", status=422,
                           error=wrong_code(request)))
    return render(request, "two_factor_codes.html", caller, codes=codes, next="/account")
