"""Briefings (简报): the public archive, each issue (printable) and the Atom feed; the staff's
desk where a briefing is drafted from the template, edited, submitted, approved and published."""

import re
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway import atom, htmx
from gateway.access import Caller, CallerDep
from gateway.clients import briefings as briefings_client
from gateway.clients.base import ServiceError
from gateway.page import PageError, link, needs, refusal, render, translate
from kit.clock import china_today
from kit.types import INT32_MAX, whole_number

router = APIRouter(include_in_schema=False)
# Who works on briefings: the publisher and supervisors draft, leaders approve.
BriefingStaff = Annotated[Caller, needs("publisher", "supervisor", "leader")]
Drafter = Annotated[Caller, needs("publisher", "supervisor")]
Leader = Annotated[Caller, needs("leader")]
Publisher = Annotated[Caller, needs("publisher")]
BriefingId = Annotated[int, Path(ge=1, le=INT32_MAX)]
SECTIONS = 20  # the most sections a briefing holds (the service's limit)
LINES = re.compile(r"\r\n|\r|\n")


@router.get("/briefings")
async def archive(request: Request, caller: CallerDep) -> Response:
    """The archive: every published briefing, newest 第N期 first."""
    issues = await briefings_client.briefing_archive(link(request, caller))
    return render(request, "briefings.html", caller, issues=issues)


@router.get("/briefings/feed.atom")
async def feed(request: Request, caller: CallerDep) -> Response:
    """The latest briefings as an Atom 1.0 feed."""
    _ = translate(request)
    issues = await briefings_client.briefing_feed(link(request, caller))
    base = str(request.base_url).rstrip("/")
    xml = atom.feed(base=base, title=_("“一网通办”标准化工作简报"),
                    author=_("一窗通 · 行政审批事项标准化平台"), briefings=issues)
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


def _last_month() -> tuple[date, date]:
    end = china_today().replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


async def _desk(request: Request, caller: Caller, *, status: int = 200,
                error: str | None = None, typed: dict[str, str] | None = None) -> Response:
    start, end = _last_month()
    drafts = await briefings_client.briefing_drafts(link(request, caller))
    return render(request, "briefing_desk.html", caller, status=status, drafts=drafts,
                  error=error, typed=typed or {"period_start": start.isoformat(),
                                               "period_end": end.isoformat()},
                  may_draft=caller.principal.has("publisher", "supervisor"))


@router.get("/briefings/drafts")
async def desk(request: Request, caller: BriefingStaff) -> Response:
    """Briefings not yet published, and a new one for a chosen period."""
    return await _desk(request, caller)


@router.post("/briefings/drafts")
async def new(request: Request, caller: Drafter,
              period_start: Annotated[str, Form(max_length=10)] = "",
              period_end: Annotated[str, Form(max_length=10)] = "") -> Response:
    """Draft a briefing for the period from the template; then its edit page."""
    typed = {"period_start": period_start, "period_end": period_end}
    try:
        made = await briefings_client.draft_briefing(link(request, caller), typed)
    except ServiceError as refused:
        return await _desk(request, caller, status=refused.status, typed=typed,
                           error=refusal(request, refused))
    return _go(request, f"/briefings/drafts/{made.id}")


def _go(request: Request, target: str) -> Response:
    if htmx.is_htmx(request):
        return htmx.redirect(Response(), target)
    return RedirectResponse(target, status_code=303)


async def _work(request: Request, caller: Caller, briefing_id: int, *, status: int = 200,
                error: str | None = None, message: str | None = None,
                typed: dict[str, Any] | None = None, block: str = "content") -> Response:
    found = await briefings_client.briefing(link(request, caller), briefing_id)
    roles = caller.principal
    return render(request, "briefing_work.html", caller, status=status, block=block,
                  briefing=found, error=error, message=message,
                  typed=typed or _typed(found), blanks=1,
                  may_edit=found.state == "draft" and roles.has("publisher", "supervisor"),
                  may_decide=roles.has("leader") and found.state in ("submitted", "approved"),
                  may_publish=roles.has("publisher") and found.state == "approved")


def _typed(found: briefings_client.Briefing) -> dict[str, Any]:
    sections = [{"heading": s["heading"], "text": "\n".join(s["paragraphs"])}
                for s in found.body.sections]
    return {"title": found.title, "sections": sections}


@router.get("/briefings/drafts/{briefing_id}")
async def work(briefing_id: BriefingId, request: Request, caller: BriefingStaff) -> Response:
    """One briefing at work: the drafter's editor, or the leader's and publisher's actions."""
    return await _work(request, caller, briefing_id)


def _sections(form: Any) -> list[dict[str, Any]]:
    """The form's sections: a heading and its lines (one paragraph a line); empty ones drop."""
    sections = []
    for n in range(SECTIONS + 1):
        heading = str(form.get(f"heading_{n}", "")).strip()
        lines = [line.strip() for line in LINES.split(str(form.get(f"text_{n}", "")))]
        if heading or any(lines):
            sections.append({"heading": heading, "text": "\n".join(lines),
                             "paragraphs": [line for line in lines if line]})
    return sections


@router.post("/briefings/drafts/{briefing_id}")
async def save(briefing_id: BriefingId, request: Request, caller: Drafter) -> Response:
    """Save the title and sections (HTMX swaps the editor with a note)."""
    _ = translate(request)
    form = await request.form()
    title, sections = str(form.get("title", "")).strip(), _sections(form)
    typed = {"title": title, "sections": sections}
    error, status = None, 422
    if not title or not sections:
        error = _("请填写标题和至少一个部分。")
    elif any(not s["heading"] for s in sections):
        error = _("每个部分都要有小标题。")
    if error is None:
        body = {"title": title, "body": {"sections": [
            {"heading": s["heading"], "paragraphs": s["paragraphs"]} for s in sections]}}
        try:
            await briefings_client.save_briefing(link(request, caller), briefing_id, body)
        except ServiceError as refused:
            error, status = refusal(request, refused), refused.status
        else:
            return await _work(request, caller, briefing_id, block="editor",
                               message=_("已保存。"))
    return await _work(request, caller, briefing_id, status=status,
                       error=error, typed=typed, block="editor")


async def _step(request: Request, caller: Caller, briefing_id: int, step: str,
                body: dict[str, Any] | None = None) -> Response:
    """Take a briefing one step on; its page again (the public issue once published)."""
    try:
        moved = await briefings_client.move_briefing(link(request, caller), briefing_id, step, body)
    except ServiceError as refused:
        return await _work(request, caller, briefing_id, status=refused.status,
                           error=refusal(request, refused))
    target = f"/briefings/{moved.number}" if moved.state == "published" \
        else f"/briefings/drafts/{briefing_id}"
    return _go(request, target)


@router.post("/briefings/drafts/{briefing_id}/submit")
async def submit(briefing_id: BriefingId, request: Request, caller: Drafter) -> Response:
    """Submit the draft to the leaders."""
    return await _step(request, caller, briefing_id, "submit")


@router.post("/briefings/drafts/{briefing_id}/approve")
async def approve(briefing_id: BriefingId, request: Request, caller: Leader) -> Response:
    """A leader approves the briefing for publication."""
    return await _step(request, caller, briefing_id, "approve")


@router.post("/briefings/drafts/{briefing_id}/return")
async def send_back(briefing_id: BriefingId, request: Request, caller: Leader,
                    reason: Annotated[str, Form(max_length=1000)] = "") -> Response:
    """A leader returns the briefing to its drafters, saying why."""
    _ = translate(request)
    if not reason.strip():
        return await _work(request, caller, briefing_id, status=422, error=_("请填写退回原因。"))
    return await _step(request, caller, briefing_id, "return", {"reason": reason.strip()})


@router.post("/briefings/drafts/{briefing_id}/publish")
async def publish_briefing(briefing_id: BriefingId, request: Request,
                           caller: Publisher) -> Response:
    """Publish the approved briefing as the next 第N期."""
    return await _step(request, caller, briefing_id, "publish")


@router.get("/briefings/{number}")
async def issue(number: str, request: Request, caller: CallerDep) -> Response:
    """One published briefing, ready to print."""
    _ = translate(request)
    asked = whole_number(number)
    try:
        if asked is None or asked < 1:
            raise ServiceError(404, number)
        found = await briefings_client.published_briefing(link(request, caller), asked)
    except ServiceError as refused:
        if refused.status in (404, 422):
            raise PageError(404, _("没有找到这一期简报。")) from refused
        raise
    return render(request, "briefing.html", caller, briefing=found)
