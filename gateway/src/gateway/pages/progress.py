"""Supervision of standardization (leaders, supervisors, administrators): progress per
department with its flags and the 督办 action, the notices and their answers, and the review's
workload."""

import asyncio
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway.access import Caller
from gateway.clients import progress as progress_client
from gateway.clients.base import ServiceError
from gateway.page import link, needs, refusal, render, translate
from kit.clock import china_today

router = APIRouter(include_in_schema=False)
ProgressReader = Annotated[Caller, needs("leader", "supervisor", "admin")]
ProgressKeeper = Annotated[Caller, needs("leader", "admin")]
NoticeIssuer = Annotated[Caller, needs("leader", "supervisor")]
NoticeReader = Annotated[Caller, needs("leader", "supervisor", "admin", "editor", "approver")]
NoticeAnswerer = Annotated[Caller, needs("editor", "approver")]
NoticeId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Department = Annotated[str, Path(min_length=1, max_length=50)]
Day = Annotated[str, Query(max_length=10)]
Text = Annotated[str, Form(max_length=2000)]
# The chart's frame (SVG user units): names on the left, the bar, the share at its end.
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 150, 300, 30


def day_or_blank(raw: str) -> str:
    """An ISO day as given, or blank when it is not one."""
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        return ""


def chart(departments: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars of each department's published share, with the straight line's mark."""
    bars = [{"name": d["name"], "y": i * ROW_HEIGHT,
             "share": d["published_share"], "flagged": bool(d["flags"]),
             "width": round(BAR_WIDTH * d["published_share"], 1),
             "expected": None if d["expected_share"] is None
             else round(LABEL_WIDTH + BAR_WIDTH * d["expected_share"], 1)}
            for i, d in enumerate(departments)]
    return {"bars": bars, "height": max(len(bars), 1) * ROW_HEIGHT, "label_width": LABEL_WIDTH,
            "bar_width": BAR_WIDTH, "row_height": ROW_HEIGHT}


def _plain(rows: list[Any]) -> list[dict[str, Any]]:
    return [r if isinstance(r, dict) else r.model_dump() for r in rows]


async def _progress_page(request: Request, caller: Caller, *, start: str, end: str,
                         error: str | None = None, status: int = 200) -> Response:
    services = link(request, caller)
    figures, links = await asyncio.gather(
        progress_client.progress(services, start=day_or_blank(start), end=day_or_blank(end)),
        progress_client.leader_links(services))
    departments = _plain(figures.model_dump()["departments"])
    return render(request, "supervision_progress.html", caller, status=status, figures=figures,
                  departments=departments, chart=chart(departments), error=error,
                  links=_plain(links), admin="admin" in caller.principal.roles,
                  today=china_today().isoformat(),
                  due=(china_today() + timedelta(days=7)).isoformat(),
                  issues="leader" in caller.principal.roles
                  or "supervisor" in caller.principal.roles,
                  keeps="leader" in caller.principal.roles or "admin" in caller.principal.roles)


@router.get("/supervision/progress")
async def progress_page(request: Request, caller: ProgressReader, start: Day = "",
                        end: Day = "") -> Response:
    """Each department's standardization progress, flags in words, and the 督办 action."""
    return await _progress_page(request, caller, start=start, end=end)


@router.post("/supervision/progress/settings")
async def save_settings(request: Request, caller: ProgressKeeper, deadline: Text = "",
                        started_on: Text = "", stall_working_days: Text = "10") -> Response:
    """Set the zone deadline, the straight line's start and the stall rule."""
    body: dict[str, object] = {"deadline": day_or_blank(deadline) or None,
                               "started_on": day_or_blank(started_on) or None,
                               "stall_working_days": stall_working_days.strip() or "10"}
    try:
        await progress_client.save_progress_settings(link(request, caller), body)
    except ServiceError as refused:
        return await _progress_page(request, caller, start="", end="", status=refused.status,
                                    error=refusal(request, refused))
    return RedirectResponse("/supervision/progress", status_code=303)


@router.post("/supervision/progress/targets/{department_code}")
async def save_target(department_code: Department, request: Request, caller: ProgressKeeper,
                      target: Text = "") -> Response:
    """Set a department's target (blank: all of its matters)."""
    value = target.strip()
    if value and not (value.isdigit() and int(value) < 2**31):
        _ = translate(request)
        return await _progress_page(request, caller, start="", end="", status=422,
                                    error=_("目标须为非负整数。"))
    try:
        await progress_client.save_target(link(request, caller), department_code,
                                  int(value) if value else None)
    except ServiceError as refused:
        return await _progress_page(request, caller, start="", end="", status=refused.status,
                                    error=refusal(request, refused))
    return RedirectResponse("/supervision/progress", status_code=303)


@router.post("/supervision/progress/links")
async def link_leader(request: Request, caller: Annotated[Caller, needs("admin")],
                      leader: Annotated[str, Form(min_length=1, max_length=120)],
                      leader_name: Annotated[str, Form(min_length=1, max_length=120)],
                      departments: Annotated[list[str] | None, Form()] = None) -> Response:
    """Replace the departments a leader oversees (领导挂钩, administrators)."""
    try:
        await progress_client.link_leader(link(request, caller), leader, leader_name,
                                  departments or [])
    except ServiceError as refused:
        return await _progress_page(request, caller, start="", end="", status=refused.status,
                                    error=refusal(request, refused))
    return RedirectResponse("/supervision/progress", status_code=303)


@router.post("/supervision/notices")
async def issue_notice(request: Request, caller: NoticeIssuer, department_code: Text = "",
                       reason: Text = "", action: Text = "", due: Text = "") -> Response:
    """Issue a 督办 notice to a flagged department; then its page."""
    _ = translate(request)
    if not (reason.strip() and action.strip() and day_or_blank(due)):
        return await _progress_page(request, caller, start="", end="", status=422,
                                    error=_("请填写督办事由、整改要求和答复期限。"))
    try:
        sent = await progress_client.issue_notice(link(request, caller), {
            "department_code": department_code, "reason": reason.strip(),
            "action": action.strip(), "due": day_or_blank(due)})
    except ServiceError as refused:
        return await _progress_page(request, caller, start="", end="", status=refused.status,
                                    error=refusal(request, refused))
    return RedirectResponse(f"/supervision/notices/{sent.model_dump()['id']}", status_code=303)


@router.get("/supervision/notices")
async def notices_page(request: Request, caller: NoticeReader) -> Response:
    """The 督办 notices: all for overseers, the department's own for its staff."""
    found = await progress_client.notices(link(request, caller))
    return render(request, "supervision_notices.html", caller,
                  notices=_plain(found), today=china_today().isoformat())


async def _notice_page(request: Request, caller: Caller, notice_id: int, *,
                       error: str | None = None, status: int = 200) -> Response:
    found = (await progress_client.notice(link(request, caller), notice_id)).model_dump()
    roles = caller.principal.roles
    return render(request, "supervision_notice.html", caller, status=status, notice=found,
                  error=error,
                  answers=bool({"editor", "approver"} & set(roles))
                  and found["department_code"] == caller.principal.department,
                  decides=bool({"leader", "supervisor"} & set(roles)))


@router.get("/supervision/notices/{notice_id}")
async def notice_page(notice_id: NoticeId, request: Request, caller: NoticeReader) -> Response:
    """One notice, its history, and the answer or decision the caller may give."""
    return await _notice_page(request, caller, notice_id)


@router.post("/supervision/notices/{notice_id}/answer")
async def answer_notice(notice_id: NoticeId, request: Request, caller: NoticeAnswerer,
                        answer: Text = "") -> Response:
    """The department's answer to a notice."""
    _ = translate(request)
    if not answer.strip():
        return await _notice_page(request, caller, notice_id, status=422,
                                  error=_("请填写答复内容。"))
    try:
        await progress_client.answer_notice(link(request, caller), notice_id, answer.strip())
    except ServiceError as refused:
        return await _notice_page(request, caller, notice_id, status=refused.status,
                                  error=refusal(request, refused))
    return RedirectResponse(f"/supervision/notices/{notice_id}", status_code=303)


@router.post("/supervision/notices/{notice_id}/decision")
async def decide_notice(notice_id: NoticeId, request: Request, caller: NoticeIssuer,
                        decision: Annotated[str, Form(max_length=20)] = "",
                        reason: Text = "") -> Response:
    """Close an answered notice, or send it back with a reason."""
    try:
        await progress_client.decide_notice(link(request, caller), notice_id, decision,
                                            reason.strip())
    except ServiceError as refused:
        return await _notice_page(request, caller, notice_id, status=refused.status,
                                  error=refusal(request, refused))
    return RedirectResponse(f"/supervision/notices/{notice_id}", status_code=303)


@router.get("/supervision/workload")
async def workload_page(request: Request, caller: ProgressReader, start: Day = "",
                        end: Day = "") -> Response:
    """The review's workload per group and reviewer for a period (this year by default)."""
    first = day_or_blank(start) or china_today().replace(month=1, day=1).isoformat()
    figures = await progress_client.workload(link(request, caller), start=first,
                                     end=day_or_blank(end))
    return render(request, "supervision_workload.html", caller, figures=figures.model_dump())
