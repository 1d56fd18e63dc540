"""The API door: sign-in for API clients and the routing of `/api/<service>/…`."""

from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from gateway import identity
from gateway.access import SESSION_COOKIE, CallerDep
from gateway.metrics import SIGN_IN_FAILURES
from gateway.upstream import FORWARDED_REQUEST_HEADERS
from kit.errors import NotFound, Unauthorized, problem

router = APIRouter(tags=["gateway"])
ROUTES = {"catalog": "catalog", "sync": "catalog", "intake": "intake", "review": "review",
          "publish": "publish"}


class SignIn(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=80)]
    password: Annotated[str, Field(min_length=1, max_length=200)]


class Me(BaseModel):
    username: str
    display_name: str
    roles: list[str]
    department: str | None
    group: str | None
    enterprise: str | None
    csrf_token: str | None = None


def set_session_cookie(request: Request, response: Response, session_id: str) -> None:
    settings = request.app.state.settings
    response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="lax",
                        secure=settings.cookie_secure, path="/",
                        max_age=int(settings.session_hours * 3600))


def sign_in_account(request: Request, username: str, password: str) -> tuple[str, str, Me]:
    """Check the password and open a session: (session id, csrf token, who)."""
    with request.app.state.db.session() as s:
        account = identity.authenticate(s, username=username, password=password)
        if account is None:
            SIGN_IN_FAILURES.inc()
            raise Unauthorized("Wrong username or password.")
        session_id, csrf = identity.open_session(
            s, account=account, hours=request.app.state.settings.session_hours)
        me = Me(username=account.username, display_name=account.display_name,
                roles=account.roles, department=account.department, group=account.group_code,
                enterprise=account.enterprise, csrf_token=csrf)
    return session_id, csrf, me


@router.post("/api/auth/sign-in", response_model=Me)
async def api_sign_in(body: SignIn, request: Request, response: Response) -> Me:
    """Sign in with username and password; the session cookie is set, the CSRF token returned."""
    session_id, _, me = await run_in_threadpool(sign_in_account, request, body.username,
                                                body.password)
    set_session_cookie(request, response, session_id)
    return me


@router.post("/api/auth/sign-out", status_code=204)
async def api_sign_out(request: Request, caller: CallerDep) -> Response:
    """End the session on the server."""
    with request.app.state.db.session() as s:
        identity.close_session(s, request.cookies.get(SESSION_COOKIE))
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/api/auth/me", response_model=Me)
async def me(caller: CallerDep) -> Me:
    """The signed-in account."""
    if caller.account is None:
        raise Unauthorized("Not signed in.")
    a = caller.account
    return Me(username=a.username, display_name=a.display_name, roles=a.roles,
              department=a.department, group=a.group_code, enterprise=a.enterprise,
              csrf_token=caller.csrf_token)


@router.api_route("/api/{prefix}/{path:path}",
                  methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
async def forward(prefix: str, path: str, request: Request, caller: CallerDep) -> Response:
    """Pass `/api/<service>/…` on to the service, as the caller, with a signed token."""
    service = ROUTES.get(prefix)
    if service is None:
        raise NotFound(f"No API at /api/{prefix}.")
    if prefix == "sync" and caller.via != "api_key":
        # The provincial contract: a missing key is 401, whoever else may be signed in.
        raise Unauthorized("An API key is required: Authorization: Bearer <api key>.",
                           headers={"WWW-Authenticate": "Bearer"})
    if prefix == "sync":
        wait = request.app.state.limiter.retry_after(caller.principal.sub)
        if wait is not None:
            return problem(429, "Too many requests; slow down.",
                           headers={"Retry-After": str(wait)})
    upstreams = request.app.state.upstreams
    headers = {h: v for h in FORWARDED_REQUEST_HEADERS if (v := request.headers.get(h))}
    query = f"?{request.url.query}" if request.url.query else ""
    status, out, body = await upstreams.forward(
        service, request.method, f"/api/{prefix}/{path}{query}", caller.principal,
        headers=headers, body=await request.body())
    return Response(body, status_code=status, headers=out)

