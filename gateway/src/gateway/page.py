"""What every page shares: one render, the role guards, refusals as sentences, Beijing time.

Page modules (`gateway/pages/`) import this and the clients, never each other.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from jinja2_fragments import render_block

from gateway import htmx, labels
from gateway.access import Caller, CallerDep
from gateway.clients import publish
from gateway.clients.base import Link, ServiceError
from gateway.i18n import N_, Translator, install_gettext, language, translator
from gateway.page_shelf import mark
from gateway.standard.layout import Reader
from kit.clock import CHINA

HTMX_VERSION = "2.0.11"
env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                  autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
install_gettext(env)
env.globals["labels"] = labels


@pass_context
def _state(context: Context, value: str) -> str:
    """`{{ version.state|state }}`: a state of a version, a case or an application, in words."""
    return translator(context.get("lang", "zh"))(labels.STATES[value])


env.filters["state"] = _state
env.filters["words"] = lambda words, lang: words(lang)  # a layout's Words in a language
# A refusal as a sentence the visitor can act on, by status (None: any other status; without
# it the service's own detail is shown alone). Each sentence carries the service's {detail}.
REFUSALS: dict[int | None, str] = {
    403: N_("您没有权限执行此操作。（%(detail)s）"),
    404: N_("没有找到该页面或记录。（%(detail)s）"),
    409: N_("当前状态不允许此操作。（%(detail)s）"),
    412: N_("该版本已被他人修改，请刷新后重试（%(detail)s）"),
    422: N_("填写的内容不符合要求。（%(detail)s）")}
# The applicant's pages, where a conflict means the application moved on meanwhile.
APPLICATION_REFUSALS: dict[int | None, str] = {
    403: N_("您没有权限执行此操作：请用申请人本人、所属企业或受托管家的账号登录后再试。"
            "（%(detail)s）"),
    404: N_("没有找到该申请：请从“我的申请”中打开，或核对办件编号。（%(detail)s）"),
    409: N_("该申请的状态已经变化，请刷新后查看。（%(detail)s）"),
    413: N_("文件太大，每份材料不超过 10 MB：请压缩文件或减少扫描页数后重新上传。（%(detail)s）"),
    415: N_("文件格式不符，均未保存：请上传 PDF、JPEG、PNG 或 OFD 文件；可执行程序、网页、压缩包和"
            "加密 PDF 不能作为申请材料。（%(detail)s）"),
    None: N_("未能完成：%(detail)s。请核对后重试；仍不成功请到服务大厅咨询。")}
# A refusal of the gateway itself (the door, the CSRF check) on a page: what to do next.
DOOR_REFUSALS: dict[int | None, str] = {
    400: N_("请求有误：请返回上一页重新操作。（%(detail)s）"),
    401: N_("请先登录，再重新操作。（%(detail)s）"),
    403: N_("页面已过期或您没有权限：请刷新页面后重试，仍不行请重新登录。（%(detail)s）"),
    422: N_("填写的内容不符合要求：请返回上一页检查后重新提交。（%(detail)s）"),
    429: N_("操作太频繁：请稍等一会儿再试。（%(detail)s）")}
ERROR_STATUSES = (400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 428, 429, 503)


class PageError(Exception):
    """A page cannot be shown: the error page says why, with this status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class SignInFirst(Exception):
    """The visitor must sign in before this page."""


# --- words and times -----------------------------------------------------------------------

def translate(request: Request) -> Translator:
    """The visitor's translator: `_("中文")` in their language."""
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


def clock_time(value: datetime) -> str:
    """An instant as Beijing wall-clock time to the second ("14:05:09"), for "try again at"."""
    return value.astimezone(CHINA).strftime("%H:%M:%S")


def size(n: int) -> str:
    """A file size a person reads at a glance."""
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def helpers(_: Callable[..., str]) -> dict[str, Any]:
    """What templates use to show codes, states, durations, sizes and times in words."""

    def app_state(value: str) -> str:
        return _(labels.APPLICATION_STATES[value] if value in labels.APPLICATION_STATES
                 else labels.STATES[value])

    def days(n: int, unit: str) -> str:
        return _("%(n)s %(unit)s", n=n, unit=_(labels.LIMIT_UNITS[unit]))

    def days_left(n: int) -> str:
        if n < 0:
            return _("已超期 %(n)s 天", n=-n)
        return _("今天到期") if n == 0 else _("剩余 %(n)s 天", n=n)

    return {"app_state": app_state, "days": days, "days_left": days_left, "when": when,
            "size": size}


def refusal(request: Request, error: ServiceError,
            sentences: dict[int | None, str] = REFUSALS) -> str:
    """A service's refusal as a sentence the visitor can act on, with the service's reason."""
    key = sentences.get(error.status, sentences.get(None))
    return translate(request)(key, detail=error.reason) if key else error.reason


# --- rendering -----------------------------------------------------------------------------

def render(request: Request, template: str, caller: Caller, *, block: str = "content",
           status: int = 200, public: bool = False, **context: Any) -> HTMLResponse:
    """The whole page, or only `block` for an HTMX request; a `public` page, the same for
    every anonymous visitor in one language, carries an ETag and may be kept (page_shelf)."""
    lang = language(request)
    _ = translator(lang)
    context = {"request": request, "caller": caller, "lang": lang, "layout": layout_of(request),
               "htmx_version": HTMX_VERSION, **helpers(_), **context}
    if htmx.is_htmx(request):
        html = render_block(env, template, block, context)
    else:
        html = env.get_template(template).render(context)
    also = ["Cookie"] if public else []  # kept by caches: the language cookie changes it
    page = htmx.vary(HTMLResponse(html, status_code=status), *also)
    if public:
        mark(page, anonymous=caller.via == "anonymous", settings=request.app.state.settings)
    return page  # type: ignore[return-value]


def error_page(request: Request, caller: Caller, status: int, message: str, *,
               back: str | None = None) -> HTMLResponse:
    """The error page: a status a browser understands, the reason in words, and the way back
    to the page to do it again (`back`) when there is one."""
    return render(request, "error.html", caller, message=message, back=back,
                  status=status if status in ERROR_STATUSES else 502)


def same_site_referer(request: Request) -> str | None:
    """The page the visitor came from, when it is one of ours (its path and query)."""
    came_from = urlsplit(request.headers.get("referer", ""))
    if came_from.netloc != request.url.netloc or not came_from.path.startswith("/"):
        return None
    return came_from.path + (f"?{came_from.query}" if came_from.query else "")


def layout_of(request: Request) -> Reader:
    """The matter standard's labels, help and choices in the visitor's language."""
    return request.app.state.layout.reader(language(request))  # type: ignore[no-any-return]


def link(request: Request, caller: Caller) -> Link:
    """The way to the services for this visitor."""
    return Link(request.app.state.upstreams, caller.principal)


async def guide_of(request: Request, caller: Caller, code: str) -> publish.Guide:
    """The current service guide of a matter; the readable 404 page when there is none."""
    try:
        return await publish.guide(link(request, caller), code)
    except ServiceError as refused:
        if refused.status in (404, 422):
            raise PageError(404,
                            translate(request).gettext("没有找到该事项的办事指南："
                                                       "它可能尚未发布或已经取消。")) from refused
        raise


# --- who may see a page --------------------------------------------------------------------

def needs(*roles: str) -> Any:
    """A route dependency: the caller, signed in and holding one of `roles` (any role when
    none is named); else sign in first (SignInFirst) or the 403 page."""

    async def guard(request: Request, caller: CallerDep) -> Caller:
        if not caller.signed_in:
            raise SignInFirst()
        if roles and not caller.principal.has(*roles):
            raise PageError(403, translate(request).gettext("您没有权限执行此操作。"))
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


HOME_BY_ROLE = [("editor", "/editor/matters"), ("lead", "/review/cases"),
                ("reviewer", "/review/cases"), ("clerk", "/clerk/applications"),
                ("approver", "/approver/applications"), ("applicant", "/my/applications"),
                ("butler", "/projects"), ("audit_admin", "/audit"),
                ("supervisor", "/supervisor/complaints"), ("guidance", "/review/preliminary"),
                ("leader", "/supervision/progress"), ("publisher", "/briefings/drafts")]


def safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect a signed-in visitor to another site."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return "/" if "\\" in target else target  # "/\\host" is "//host" to a browser


def next_home(roles: list[str]) -> str:
    """Where an account goes after signing in, by its first role with a home."""
    return next((path for role, path in HOME_BY_ROLE if role in roles), "/")


# The audiences of the pages, each a role guard to annotate the caller with.
SignedIn = Annotated[Caller, needs()]
Editor = Annotated[Caller, needs("editor", "admin")]
Admin = Annotated[Caller, needs("admin")]
# Accounts: the system administrator keeps them, the security administrator gives their roles.
AccountKeeper = Annotated[Caller, needs("admin", "security_admin")]
SecurityAdmin = Annotated[Caller, needs("security_admin")]
AuditAdmin = Annotated[Caller, needs("audit_admin")]
# Everyone who reads standards: their history, diffs and the legal basis registry.
Staff = Annotated[Caller, needs("editor", "admin", "reviewer", "lead", "supervisor",
                                "publisher")]
Reviewer = Annotated[Caller, needs("reviewer", "lead", "admin", "supervisor")]
GroupMember = Annotated[Caller, needs("reviewer", "lead")]
Lead = Annotated[Caller, needs("lead")]
# The technical guidance group (技术指导组): the preliminary check (初审), which administrators
# and supervisors follow; it and administrators answer the departments' difficult questions.
Guidance = Annotated[Caller, needs("guidance")]
PrecheckWatcher = Annotated[Caller, needs("guidance", "admin", "supervisor")]
# A case's preliminary check and history: those watchers, and the case's own review group.
CaseHistoryReader = Annotated[Caller, needs("guidance", "admin", "supervisor", "reviewer",
                                            "lead")]
QuestionAnswerer = Annotated[Caller, needs("guidance", "admin")]
QuestionRaiser = Annotated[Caller, needs("editor")]
# Who reads the knowledge base of answered questions: whoever compiles, reviews or oversees.
KnowledgeReader = Annotated[Caller, needs("editor", "approver", "publisher", "reviewer", "lead",
                                          "guidance", "admin", "supervisor")]
MetricsReader = Annotated[Caller, needs("supervisor", "admin", "editor", "lead")]
Filer = Annotated[Caller, needs("applicant", "butler")]
# A project's followers: its enterprise, butlers (theirs and requests nobody took), admins.
ProjectFollower = Annotated[Caller, needs("applicant", "butler", "admin")]
Clerk = Annotated[Caller, needs("clerk")]
Approver = Annotated[Caller, needs("approver")]
# Whoever may open an application's files: its filers, the window, the department (oversight
# sees cases' metadata only).
CaseReader = Annotated[Caller, needs("applicant", "butler", "clerk", "approver")]
# The 监督投诉 window: complaints, departments' timeliness and ratings (leads read the last two).
Supervisor = Annotated[Caller, needs("supervisor")]
Overseer = Annotated[Caller, needs("supervisor", "lead")]
# Electronic supervision of cases: supervisors (every department) and department heads.
CaseSupervisor = Annotated[Caller, needs("supervisor", "approver")]
# A department's staff answer its rectifications (整改); supervisors follow them.
Rectifier = Annotated[Caller, needs("approver", "supervisor")]
# Joint sign-offs (并联审批): departments' approvers answer and lead, supervisors follow.
SignOffReader = Annotated[Caller, needs("approver", "supervisor")]
