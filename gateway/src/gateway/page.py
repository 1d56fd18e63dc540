"""What every page shares: one render, the role guards, refusals as sentences, Beijing time.

Page modules (`gateway/pages/`) import this and the clients, never each other.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2_fragments import render_block

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.clients import publish
from gateway.clients.base import Link, ServiceError
from gateway.i18n import language, translator
from kit.clock import CHINA

HTMX_VERSION = "2.0.11"
env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                  autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
STATE_LABELS = {
    "draft": "草稿", "submitted": "已提交", "in_review": "审核中", "returned": "已退回",
    "approved": "审核通过", "scheduled": "待生效", "published": "已发布",
    "superseded": "已被替代", "cancelled": "已取消",
    "accepted": "已受理", "correction_requested": "待补正", "corrected": "已补正",
    "rejected": "不予许可", "open": "待审核", "closed": "已办结",
}
env.filters["state"] = lambda s: STATE_LABELS.get(s, s)
# A refusal as a sentence the visitor can act on, by status (None: any other status; without
# it the service's own detail is shown alone). Each sentence carries the service's {detail}.
REFUSALS: dict[int | None, str] = {
    403: "refusal.forbidden", 404: "refusal.missing", 409: "refusal.state",
    412: "refusal.stale", 422: "refusal.invalid"}
# The applicant's pages, where a conflict means the application moved on meanwhile.
APPLICATION_REFUSALS: dict[int | None, str] = {
    403: "refusal.forbidden", 404: "refusal.not_found", 409: "refusal.conflict",
    413: "refusal.too_large", None: "refusal.general"}
ERROR_STATUSES = (400, 401, 403, 404, 409, 412, 413, 422, 428, 503)


class PageError(Exception):
    """A page cannot be shown: the error page says why, with this status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class SignInFirst(Exception):
    """The visitor must sign in before this page."""


# --- words and times -----------------------------------------------------------------------

def translate(request: Request) -> Callable[..., str]:
    """`t(key, **values)` in the visitor's language."""
    return translator(language(request))


def when(value: str | date | None, *, day: bool = False) -> str:
    """A service's timestamp as Beijing time, to the minute (or the day); a plain date, or a
    text that is no date, stays as it is."""
    if not value:
        return ""
    if isinstance(value, str):
        text = value
        try:
            value = _parsed(text)
        except ValueError:
            return text
    if not isinstance(value, datetime):
        return value.isoformat()  # a plain date
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(CHINA)
    return local.strftime("%Y-%m-%d" if day else "%Y-%m-%d %H:%M")


def _parsed(text: str) -> date:
    """An ISO date, or an ISO timestamp (a naive one is UTC, as the services store it)."""
    return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)


def size(n: int) -> str:
    """A file size a person reads at a glance."""
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def helpers(t: Callable[..., str]) -> dict[str, Any]:
    """What templates use to show codes, states, durations, sizes and times in words."""

    def label(kind: str, value: object) -> str:
        key = f"{kind}.{value}"
        text = t(key)
        return str(value) if text == key else text

    def app_state(value: str) -> str:
        key = f"app.state.{value}"
        text = t(key)
        return STATE_LABELS.get(value, value) if text == key else text

    def days(n: int, unit: str) -> str:
        return t("guide.days", n=n, unit=label("unit", unit))

    return {"label": label, "app_state": app_state, "days": days, "when": when, "size": size}


def refusal(request: Request, error: ServiceError,
            sentences: dict[int | None, str] = REFUSALS) -> str:
    """A service's refusal as a sentence the visitor can act on, with the service's reason."""
    key = sentences.get(error.status, sentences.get(None))
    return translate(request)(key, detail=error.reason) if key else error.reason


# --- rendering -----------------------------------------------------------------------------

def render(request: Request, template: str, caller: Caller, *, block: str = "content",
           status: int = 200, **context: Any) -> HTMLResponse:
    """The whole page, or only `block` for an HTMX request."""
    lang = language(request)
    t = translator(lang)
    context = {"request": request, "caller": caller, "t": t, "lang": lang,
               "htmx_version": HTMX_VERSION, **helpers(t), **context}
    if htmx.is_htmx(request):
        html = render_block(env, template, block, context)
    else:
        html = env.get_template(template).render(context)
    return htmx.vary(HTMLResponse(html, status_code=status))  # type: ignore[return-value]


def error_page(request: Request, caller: Caller, status: int, message: str) -> HTMLResponse:
    """The error page: a status a browser understands, and the reason in words."""
    return render(request, "error.html", caller, message=message,
                  status=status if status in ERROR_STATUSES else 502)


def link(request: Request, caller: Caller) -> Link:
    """The way to the services for this visitor."""
    return Link(request.app.state.upstreams, caller.principal)


async def guide_of(request: Request, caller: Caller, code: str) -> publish.Guide:
    """The current service guide of a matter; the readable 404 page when there is none."""
    try:
        return await publish.guide(link(request, caller), code)
    except ServiceError as refused:
        if refused.status in (404, 422):
            raise PageError(404, translate(request)("guide.not_found")) from refused
        raise


# --- who may see a page --------------------------------------------------------------------

def needs(*roles: str) -> Any:
    """A route dependency: the caller, signed in and holding one of `roles`; else sign in
    first (SignInFirst) or the 403 page."""

    async def guard(request: Request, caller: CallerDep) -> Caller:
        if not caller.signed_in:
            raise SignInFirst()
        if not caller.principal.has(*roles):
            raise PageError(403, translate(request)("error.forbidden"))
        return caller

    return Depends(guard)


def sign_in_first(request: Request) -> Response:
    """To the sign-in page, and back to this page after it; an action's URL cannot be opened
    again, so after an action the visitor signs in and goes home."""
    back = request.method == "GET"
    target = f"/sign-in?next={request.url.path}" if back else "/sign-in"
    if htmx.is_htmx(request):
        return htmx.redirect(Response(), target)
    return RedirectResponse(target, status_code=303)


# The audiences of the pages, each a role guard to annotate the caller with.
Editor = Annotated[Caller, needs("editor", "admin")]
Admin = Annotated[Caller, needs("admin")]
# Everyone who reads standards: their history, diffs and the legal basis registry.
Staff = Annotated[Caller, needs("editor", "admin", "reviewer", "lead", "supervisor",
                                "publisher")]
Reviewer = Annotated[Caller, needs("reviewer", "lead", "admin", "supervisor")]
GroupMember = Annotated[Caller, needs("reviewer", "lead")]
Lead = Annotated[Caller, needs("lead")]
MetricsReader = Annotated[Caller, needs("supervisor", "admin", "editor", "lead")]
Filer = Annotated[Caller, needs("applicant", "butler")]
Clerk = Annotated[Caller, needs("clerk")]
Approver = Annotated[Caller, needs("approver")]
# Whoever may see an application: its filers, the window, the department, oversight.
CaseReader = Annotated[Caller, needs("applicant", "butler", "clerk", "approver",
                                     "supervisor", "admin")]
