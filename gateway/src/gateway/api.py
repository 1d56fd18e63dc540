"""The API door: sign-in for API clients and the routing of `/api/<service>/…`."""

from functools import partial
from math import ceil
from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from gateway import identity, sign_in
from gateway.access import CallerDep, session_id
from gateway.identity import PENDING
from gateway.models import Account
from kit.clock import now
from kit.errors import NotFound, Unauthorized, problem
from kit.types import Input

router = APIRouter(tags=["gateway"])
# Where `/api/<prefix>/…` is passed on (`gateway.proxy`), and with which methods.
ROUTES = {"catalog": "catalog", "sync": "catalog", "intake": "intake", "review": "review",
          "publish": "publish"}
FORWARDED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


class SignIn(Input):
    username: Annotated[str, Field(min_length=1, max_length=80)]
    password: Annotated[str, Field(min_length=1, max_length=200)]
    code: Annotated[str | None, Field(
        max_length=40, description="The one-time code (TOTP) or a recovery code, for an "
                                   "account with a second factor.")] = None
    end_other_sessions: bool = False


class Me(BaseModel):
    username: str
    display_name: str
    roles: list[str]
    department: str | None
    group: str | None
    enterprise: str | None
    csrf_token: str | None = None


def set_session_cookie(request: Request, response: Response, session_id: str,
                       stage: str = "full") -> None:
    """The session cookie: HttpOnly, SameSite=Lax, Secure with the `__Host-` prefix outside
    development; it lasts as long as the session (minutes while a second factor is due)."""
    settings = request.app.state.settings
    seconds = settings.session_hours * 3600 if stage == "full" else PENDING.total_seconds()
    response.set_cookie(settings.session_cookie, session_id, httponly=True, samesite="lax",
                        secure=settings.secure_cookies, path="/", max_age=int(seconds))


def forget_session_cookie(request: Request, response: Response) -> None:
    settings = request.app.state.settings
    response.delete_cookie(settings.session_cookie, path="/", secure=settings.secure_cookies,
                           httponly=True, samesite="lax")


def address(request: Request) -> str:
    """The caller's network address, as throttling counts it."""
    return request.client.host if request.client else "unknown"


def me_of(account: Account, csrf: str | None) -> Me:
    return Me(username=account.username, display_name=account.display_name,
              roles=account.roles, department=account.department, group=account.group_code,
              enterprise=account.enterprise, csrf_token=csrf)


def api_refusal(refused: sign_in.Refused) -> Response:
    """A refused sign-in as problem+json (429 with Retry-After while the tries must wait)."""
    if isinstance(refused, sign_in.Blocked):
        wait = max(1, ceil((refused.until - now()).total_seconds()))
        return problem(429, f"Too many failed sign-ins; try again after "
                            f"{refused.until.isoformat(timespec='seconds')}.",
                       headers={"Retry-After": str(wait)})
    if isinstance(refused, sign_in.CodeRequired):
        return problem(401, "This account has a second factor: send its one-time code as "
                            "`code` (or a recovery code).")
    if isinstance(refused, sign_in.EnrolFirst):
        return problem(403, "Staff accounts need a second factor: sign in on the sign-in "
                            "page once to enrol.")
    return problem(401, "Wrong username, password or code.")


@router.post("/api/auth/sign-in", response_model=Me,
             responses={401: {}, 403: {}, 429: {"description": "Too many failed sign-ins"}})
async def api_sign_in(body: SignIn, request: Request, response: Response) -> Me | Response:
    """Sign in with username, password (and code); the session cookie is set, the CSRF token
    returned. Failures are throttled per account and per address."""
    settings = request.app.state.settings
    try:
        started = await run_in_threadpool(
            partial(sign_in.with_password, request.app.state.db, settings,
                    username=body.username, password=body.password, address=address(request),
                    code=body.code, pages=False, end_others=body.end_other_sessions))
    except sign_in.Refused as refused:
        return api_refusal(refused)
    set_session_cookie(request, response, started.session_id)
    return me_of(started.account, started.csrf_token)


@router.post("/api/auth/sign-out", status_code=204)
async def api_sign_out(request: Request, caller: CallerDep) -> Response:
    """End the session on the server."""
    with request.app.state.db.session() as s:
        identity.close_session(s, session_id(request))
    response = Response(status_code=204)
    forget_session_cookie(request, response)
    return response


@router.get("/api/auth/me", response_model=Me)
async def me(caller: CallerDep) -> Me:
    """The signed-in account."""
    if caller.account is None:
        raise Unauthorized("Not signed in.")
    return me_of(caller.account, caller.csrf_token)


@router.api_route("/api/{prefix}/{path:path}", methods=list(FORWARDED_METHODS),
                  include_in_schema=False)
async def no_service(prefix: str) -> Response:
    """`/api/<prefix>/…` of no service: the prefixes of `ROUTES` are passed on before routing
    (`gateway.proxy`), under this route's name in the metrics."""
    raise NotFound(f"No API at /api/{prefix}.")


def unreachable() -> Response:
    """503 problem+json: a service did not answer."""
    return problem(503, "A service is not answering right now; please try again shortly.",
                   headers={"Retry-After": "5"})
