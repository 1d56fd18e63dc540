"""The service hall at a glance (一站式办理): its windows and what each handles, walk-in tickets
(取号), the display of the numbers called, and the window clerk's calling."""

import asyncio
import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway import htmx, labels
from gateway.access import Caller, CallerDep
from gateway.clients import catalog, publish
from gateway.clients import hall as walk_in
from gateway.clients.base import ServiceError
from gateway.page import Clerk, PageError, link, render, translate
from gateway.ratelimit import address_wait

router = APIRouter(include_in_schema=False)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
TICKET = re.compile(r"^[A-Za-z]{1,2}\d{1,6}$")
CODE = re.compile(r"[^A-Za-z0-9]")
Text = Annotated[str, Form()]


async def hall_windows(request: Request, caller: Caller, q: str) -> list[dict[str, Any]]:
    """Each window: its name, queue today, and the published matters it handles (like `q`)."""
    services = link(request, caller)
    windows, queues, matters = await asyncio.gather(
        catalog.windows(services), walk_in.queues(services),
        publish.hall_matters(services, q=q))
    queue_of = {queue.window: queue for queue in queues}
    windows = sorted(windows, key=lambda w: (w.code not in queue_of,
                                             queue_of[w.code].letter if w.code in queue_of
                                             else w.code))
    return [{"code": w.code, "name": w.name, "queue": queue_of.get(w.code),
             "matters": [m for m in matters.items if getattr(m, "window", None) == w.code]}
            for w in windows]


@router.get("/hall", response_class=HTMLResponse)
async def hall(request: Request, caller: CallerDep, q: str = "") -> Response:
    """The hall's windows, what each handles and how many wait; find a matter's window by
    its name, and take a ticket."""
    q = CONTROL.sub("", q).strip()[:100]
    windows = await hall_windows(request, caller, q)
    found = [w for w in windows if w["matters"]] if q else windows
    return render(request, "hall.html", caller, block="windows", windows=found, q=q)


@router.post("/hall/tickets", response_class=HTMLResponse)
async def take_ticket(request: Request, caller: CallerDep, window: Text = "",
                      phone: Text = "") -> Response:
    """Take a ticket for a window (a few a minute per address), then follow it."""
    _ = translate(request)
    if (wait := await address_wait(request, "tickets")) is not None:
        raise PageError(429, _("取号太频繁，请 %(s)s 秒后再试；如需帮助请到导办台。", s=wait))
    try:
        ticket = await walk_in.take_ticket(link(request, caller), window=window,
                                          phone=phone.strip()[:20])
    except ServiceError as refused:
        if refused.status == 422 and "phone" in refused.reason:
            raise PageError(422, _("手机号码有误：请填写 11 位手机号，或留空。")) from refused
        raise PageError(404, _("没有这个窗口，请在大厅页面选择窗口后取号。")) from refused
    return RedirectResponse(f"/hall/tickets/{ticket.number}?code={ticket.code}",
                            status_code=303)


@router.get("/hall/tickets/{number}", response_class=HTMLResponse)
async def ticket(request: Request, caller: CallerDep, number: str, code: str = "") -> Response:
    """One ticket: its window, state and place in line (refreshed as it moves); once served,
    the form to rate the visit with the code given when it was taken."""
    return await ticket_page(request, caller, number, code=code)


async def ticket_page(request: Request, caller: Caller, number: str, *, code: str,
                      error: str | None = None, status: int = 200) -> Response:
    """The ticket's page (or, for HTMX, its card), with a rating refusal if any."""
    services = link(request, caller)
    if not TICKET.match(number):
        raise PageError(404, translate(request).gettext("没有找到今天的这个号，请核对号码。"))
    try:
        found, windows = await asyncio.gather(walk_in.ticket(services, number),
                                              catalog.windows(services))
    except ServiceError as refused:
        raise PageError(404, translate(request).gettext(
            "没有找到今天的这个号，请核对号码；号码只在取号当天有效。")) from refused
    names = {w.code: w.name for w in windows}
    return render(request, "hall_ticket.html", caller, block="ticket", ticket=found,
                  window_name=names.get(found.window, found.window),
                  code=CODE.sub("", code)[:12].upper(), error=error, status=status)


@router.post("/hall/tickets/{number}/rating", response_class=HTMLResponse)
async def rate_visit(request: Request, caller: CallerDep, number: str) -> Response:
    """Rate the served visit once (1–5 stars, tags, a comment) with the ticket's code."""
    _ = translate(request)
    form = await request.form()
    code = CODE.sub("", str(form.get("code", "")))[:12].upper()
    score = str(form.get("score", ""))
    if not TICKET.match(number) or not code:
        return await ticket_page(request, caller, number, code=code, status=422,
                                 error=_("请填写取号时显示的评价码。"))
    if score not in ("1", "2", "3", "4", "5"):
        return await ticket_page(request, caller, number, code=code, status=422,
                                 error=_("请选择 1 到 5 星。"))
    if (wait := await address_wait(request, "lookups")) is not None:  # a code tried, as a lookup
        raise PageError(429, _("操作太频繁，请 %(s)s 秒后再试。", s=wait))
    body = {"code": code, "score": int(score),
            "comment": CONTROL.sub("", str(form.get("comment", ""))).strip()[:1000],
            "tags": [str(t) for t in form.getlist("tag") if str(t) in labels.RATING_TAGS]}
    try:
        await walk_in.rate_visit(link(request, caller), number, body)
    except ServiceError as refused:
        if refused.status not in (403, 404, 409, 422):
            raise
        error = {404: _("号码与评价码不符，请核对取号时显示的评价码。"),
                 409: _("这个号还没有办理完毕，或已经评价过了。"),
                 403: _("工作人员不能评价本窗口的服务。")}.get(
            refused.status, _("请选择 1 到 5 星。"))
        return await ticket_page(request, caller, number, code=code, error=error,
                                 status=refused.status)
    return RedirectResponse(f"/hall/tickets/{number}?code={code}", status_code=303)


@router.get("/hall/display", response_class=HTMLResponse)
async def display(request: Request, caller: CallerDep) -> Response:
    """The hall's display: the numbers being called at each window (refreshed every few
    seconds)."""
    services = link(request, caller)
    windows, queues = await asyncio.gather(catalog.windows(services), walk_in.queues(services))
    names = {w.code: w.name for w in windows}
    return render(request, "hall_display.html", caller, block="board", queues=queues,
                  names=names)


# --- the window clerk calls ---

async def window_of(caller: Caller, request: Request) -> str:
    """The clerk's window (their account's group), or the readable refusal."""
    if not caller.principal.group:
        raise PageError(403, translate(request).gettext(
            "您的账号还没有分配窗口，请联系系统管理员。"))
    return caller.principal.group


@router.post("/clerk/hall/next", response_class=HTMLResponse)
async def call_next(request: Request, caller: Clerk) -> Response:
    """Call the next waiting visitor of the clerk's window."""
    window = await window_of(caller, request)
    _ = translate(request)
    services = link(request, caller)
    try:
        called = await walk_in.call_next(services, window)
        notice, error = _("请 %(n)s 号到窗口办理。", n=called.number), None
    except ServiceError as refused:
        if refused.status != 409:
            raise
        notice, error = None, _("目前没有等候的号。")
    return await tickets_block(request, caller, window, notice=notice, error=error)


@router.post("/clerk/hall/tickets/{ticket_id:int}/{outcome}", response_class=HTMLResponse)
async def finish(request: Request, caller: Clerk, ticket_id: int, outcome: str) -> Response:
    """Mark a called ticket served (已办理) or no-show (未到)."""
    window = await window_of(caller, request)
    _ = translate(request)
    if outcome not in ("served", "no-show"):
        raise PageError(404, _("没有找到该页面。"))
    try:
        await walk_in.finish_ticket(link(request, caller), ticket_id, outcome)
    except ServiceError as refused:
        if refused.status not in (404, 409):
            raise
        return await tickets_block(request, caller, window,
                                   error=_("这个号已经办结或不属于您的窗口，请刷新后再看。"))
    return await tickets_block(request, caller, window)


async def tickets_block(request: Request, caller: Caller, window: str, *,
                        notice: str | None = None, error: str | None = None) -> Response:
    """The clerk's tickets again (HTMX: the block in place; a plain form: back to the queue)."""
    if not htmx.is_htmx(request):
        return RedirectResponse("/clerk/applications", status_code=303)
    tickets = await walk_in.window_tickets(link(request, caller), window)
    return render(request, "_clerk_tickets.html", caller, block="tickets", tickets=tickets,
                  window=window, notice=notice, error=error)
