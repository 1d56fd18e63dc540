"""Following the case: applicants and butlers, window clerks, approvers (applying is in
`pages.apply`)."""

import asyncio
import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.background import BackgroundTask
from starlette.datastructures import FormData

from gateway import htmx, labels
from gateway.access import Caller
from gateway.clients import catalog, intake
from gateway.clients.base import ServiceError
from gateway.page import (
    APPLICATION_REFUSALS,
    Approver,
    CaseReader,
    Clerk,
    Filer,
    PageError,
    link,
    refusal,
    render,
    translate,
)

router = APIRouter(include_in_schema=False)
WINDOW = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
WAITING = ("submitted", "corrected")
QUEUE_SIZE = 50
MY_PAGE = 20
CARD = "_application_card.html"
Text = Annotated[str, Form()]


def refused_as(request: Request, refused: ServiceError) -> tuple[str, int]:
    """A refusal as the applicant's pages say it, and the status they answer with (4xx kept,
    anything else 502)."""
    status = refused.status if 400 <= refused.status < 500 else 502
    return refusal(request, refused, APPLICATION_REFUSALS), status


# --- following one's applications ---

@router.get("/my/applications", response_class=HTMLResponse)
async def my_applications(request: Request, caller: Filer, start: str = "0") -> Response:
    """The caller's applications, newest first, with the result of the decided ones."""
    offset = int(start) if start.isdigit() and int(start) <= 1_000_000 else 0
    applications = await intake.applications(link(request, caller), limit=MY_PAGE + 1,
                                             offset=offset)
    return render(request, "my_applications.html", caller, applications=applications[:MY_PAGE],
                  offset=offset, page_size=MY_PAGE, more=len(applications) > MY_PAGE)


async def application_page(request: Request, caller: Caller, application_id: int, *,
                           notice: str | None = None, error: str | None = None,
                           status: int = 200, desk: str | None = None) -> Response:
    try:
        application = await intake.application(link(request, caller), application_id)
    except ServiceError as refused:
        raise PageError(refused.status, refused_as(request, refused)[0]) from refused
    return render(request, "application.html", caller, status=status, application=application,
                  notice=notice, error=error, desk=desk, kinds=labels.APPLICANT_KINDS)


@router.get("/my/applications/{application_id:int}", response_class=HTMLResponse)
async def my_application(request: Request, caller: Filer, application_id: int,
                         filed: str = "", resubmitted: str = "") -> Response:
    """One application: pinned version, materials, notices, decision, history."""
    _ = translate(request)
    notice = (_("申请已提交，窗口将尽快受理。") if filed
              else _("补正材料已提交，等待窗口重新受理。") if resubmitted else None)
    return await application_page(request, caller, application_id, notice=notice)


@router.post("/my/applications/{application_id:int}/resubmit", response_class=HTMLResponse)
async def resubmit(request: Request, caller: Filer, application_id: int) -> Response:
    """Send the corrected materials the one-time notice asked for."""
    files, slots = await intake.files_of(await request.form())
    if not files:
        return await application_page(request, caller, application_id, status=422,
                                      error=translate(request).gettext("请至少上传一份申请材料。"))
    try:
        await intake.resubmit(link(request, caller), application_id, files, slots)
    except ServiceError as refused:
        error, status = refused_as(request, refused)
        return await application_page(request, caller, application_id, status=status,
                                      error=error)
    return RedirectResponse(f"/my/applications/{application_id}?resubmitted=1",
                            status_code=303)


@router.get("/applications/{application_id:int}/materials/{material_id:int}")
async def material(request: Request, caller: CaseReader, application_id: int,
                   material_id: int) -> Response:
    """One uploaded material, streamed from intake to whoever may see the application."""
    upstream = await intake.material(link(request, caller), application_id, material_id)
    headers = {h: v for h in ("content-type", "content-disposition")
               if (v := upstream.headers.get(h))}
    return StreamingResponse(upstream.aiter_bytes(), headers=headers,
                             background=BackgroundTask(upstream.aclose))


# --- the window and the department ---

async def card(request: Request, caller: Caller, desk: str, application_id: int, *,
               action: str | None = None, body: Any = None, done: str = "",
               error: str | None = None, status: int = 422, **kept: Any) -> Response:
    """Run `action` on the application (if any and no `error` yet) and show its card again,
    as the `desk` (clerk or approver) sees it.

    An HTMX request gets the card (with the notice or the refusal); a plain form goes back to
    the desk's queue, or to a readable error page when refused.
    """
    services = link(request, caller)
    if error is None and action is not None:
        try:
            application = await intake.handle(services, application_id, action, body)
        except ServiceError as refused:
            error, status = refused_as(request, refused)
        else:
            if not htmx.is_htmx(request):
                return RedirectResponse(f"/{desk}/applications", status_code=303)
            return render(request, CARD, caller, block="card", desk=desk,
                          application=application, notice=done)
    if not htmx.is_htmx(request):
        raise PageError(status, error or "")
    application = await intake.application(services, application_id)
    return render(request, CARD, caller, block="card", status=status, desk=desk,
                  application=application, error=error, **kept)


@router.get("/clerk/applications", response_class=HTMLResponse)
async def clerk_queue(request: Request, caller: Clerk, state: str = "", window: str | None = None,
                      q: str = "") -> Response:
    """The window's queue: its applications to accept or to correct first, then recent ones,
    filtered by state and window (the clerk's own by default) and searched by case number,
    matter or applicant; beside it, today's walk-in tickets of the clerk's window."""
    services = link(request, caller)
    window = caller.principal.group or "" if window is None else window
    chosen = {"state": state if state in labels.APPLICATION_STATES else "",
              "window": window if WINDOW.match(window) else "", "q": CONTROL.sub("", q)[:100]}
    found = {k: v for k, v in chosen.items() if v}
    states = [chosen["state"]] if chosen["state"] else list(WAITING)
    lists, windows, tickets = await asyncio.gather(
        asyncio.gather(*(intake.applications(services, **(found | {"state": s}),
                                             limit=QUEUE_SIZE) for s in states),
                       intake.applications(services, **found, limit=20)),
        catalog.windows(services), window_tickets(request, caller))
    *per_state, latest = lists
    waiting = sorted((a for listed in per_state for a in listed), key=lambda a: a.submitted_at)
    recent = [a for a in latest if a.state not in states]
    return render(request, "clerk_queue.html", caller, block=block_of(request), desk="clerk",
                  waiting=waiting[:QUEUE_SIZE], recent=recent, chosen=chosen, windows=windows,
                  tickets=tickets, window=caller.principal.group)


def block_of(request: Request) -> str:
    """The filter's HTMX request wants the lists; anything else the whole page."""
    return "lists" if htmx.is_htmx(request) else "content"


async def window_tickets(request: Request, caller: Caller) -> list[intake.Ticket] | None:
    """Today's walk-in tickets of the clerk's window (None: the clerk has no window)."""
    if not caller.principal.group:
        return None
    return await intake.window_tickets(link(request, caller), caller.principal.group)


@router.get("/clerk/applications/{application_id:int}", response_class=HTMLResponse)
async def clerk_application(request: Request, caller: Clerk, application_id: int) -> Response:
    """One application at the window, with the applicant's numbers in clear to check identity."""
    return await application_page(request, caller, application_id, desk="clerk")


@router.post("/clerk/applications/{application_id:int}/accept", response_class=HTMLResponse)
async def accept(request: Request, caller: Clerk, application_id: int) -> Response:
    """Accept (受理) the application: the legal clock starts."""
    return await card(request, caller, "clerk", application_id, action="accept",
                      done=translate(request).gettext("已受理，办结期限开始计算。"))


def notice_items(form: FormData) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The materials picked for correction and the reasons given, keyed by their index."""
    picked = {str(i) for i in form.getlist("item")}
    picked |= {k.removeprefix("reason-") for k, v in form.items()
               if k.startswith("reason-") and str(v).strip()}
    chosen = {i: str(form.get(f"reason-{i}", "")).strip() for i in sorted(picked)}
    items = [{"material": str(form.get(f"material-{i}", "")), "reason": reason}
             for i, reason in chosen.items()]
    return items, chosen


@router.post("/clerk/applications/{application_id:int}/corrections",
             response_class=HTMLResponse)
async def corrections(request: Request, caller: Clerk, application_id: int) -> Response:
    """Send the one-time notice listing every missing or wrong material, each with a reason."""
    _ = translate(request)
    items, chosen = notice_items(await request.form())
    error = (_("请至少勾选一项需补正的材料。") if not items else
             _("请为每项勾选的材料填写补正原因。") if not all(i["reason"] for i in items) else None)
    return await card(request, caller, "clerk", application_id, action="corrections",
                      body={"items": items},
                      done=_("补正告知已发出。"), error=error, chosen=chosen, open_notice=True)


@router.get("/approver/applications", response_class=HTMLResponse)
async def approver_queue(request: Request, caller: Approver) -> Response:
    """The department's accepted applications waiting for a decision, the earliest due first."""
    accepted = await intake.applications(link(request, caller), state="accepted",
                                         limit=QUEUE_SIZE)
    accepted.sort(key=lambda a: (a.due_date or date.max, a.submitted_at))
    return render(request, "approver_queue.html", caller, desk="approver",
                  applications=accepted)


@router.post("/approver/applications/{application_id:int}/decision",
             response_class=HTMLResponse)
async def decide(request: Request, caller: Approver, application_id: int,
                 decision: Text = "", opinion: Text = "") -> Response:
    """Grant (准予许可) or refuse (不予许可, with the reasons) an accepted application."""
    _ = translate(request)
    error = (_("请选择准予许可或不予许可。") if decision not in ("approved", "rejected") else
             _("不予许可须写明理由。") if decision == "rejected" and not opinion.strip()
             else None)
    return await card(request, caller, "approver", application_id, action="decision",
                      body={"decision": decision, "opinion": opinion.strip()},
                      done=_("决定已作出。"), error=error, opinion=opinion)
