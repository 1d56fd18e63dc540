"""Following the case: applicants and butlers, window clerks, approvers (applying is in
`pages.apply`)."""

import asyncio
import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.background import BackgroundTask
from starlette.datastructures import FormData

from gateway import htmx, labels
from gateway.access import Caller
from gateway.clients import catalog, feedback, intake
from gateway.clients import hall as walk_in
from gateway.clients.base import ServiceError
from gateway.desks import card, refused_as
from gateway.i18n import N_
from gateway.page import (
    CaseReader,
    Clerk,
    Filer,
    PageError,
    link,
    render,
    translate,
)
from kit.clock import china_today
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
WINDOW = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
WAITING = ("submitted", "corrected")
CLOSED = ("approved", "rejected", "not_accepted")  # a closed case may be rated (好差评)
QUEUE_SIZE = 50
MY_PAGE = 20
Text = Annotated[str, Form()]
ONCE_ONLY = N_("已经一次性告知过补正，申请人此后没有改动告知以外的材料，依法不能再次告知补正；"
               "请受理或不予受理。")


# --- following one's applications ---

@router.get("/my/applications", response_class=HTMLResponse)
async def my_applications(request: Request, caller: Filer, start: str = "0") -> Response:
    """The caller's applications, newest first, with the result of the decided ones."""
    asked = whole_number(start)
    offset = asked if asked is not None and asked <= 1_000_000 else 0
    applications = await intake.applications(link(request, caller), limit=MY_PAGE + 1,
                                             offset=offset)
    return render(request, "my_applications.html", caller, applications=applications[:MY_PAGE],
                  offset=offset, page_size=MY_PAGE, more=len(applications) > MY_PAGE,
                  today=china_today(), closed=CLOSED)


async def application_page(request: Request, caller: Caller, application_id: int, *,
                           notice: str | None = None, error: str | None = None,
                           status: int = 200, desk: str | None = None,
                           kept: Any = None) -> Response:
    services = link(request, caller)
    try:
        application, documents = await asyncio.gather(
            intake.application(services, application_id),
            intake.documents(services, application_id))
    except ServiceError as refused:
        raise PageError(refused.status, refused_as(request, refused)[0]) from refused
    rating = (await feedback.rating(services, application_id)
              if application.state in CLOSED else None)
    return render(request, "application.html", caller, status=status, application=application,
                  documents=documents, notice=notice, error=error, desk=desk,
                  kinds=labels.APPLICANT_KINDS, rating=rating,
                  closed=application.state in CLOSED, kept=kept or {},
                  clock_entries=labels.CLOCK_ENTRIES, clock_causes=labels.CLOCK_CAUSES,
                  grounds=labels.NON_ACCEPTANCE_GROUNDS)


@router.get("/my/applications/{application_id:int}", response_class=HTMLResponse)
async def my_application(request: Request, caller: Filer, application_id: int,
                         filed: str = "", resubmitted: str = "", rated: str = "") -> Response:
    """One application: pinned version, materials, notices, decision, history, rating."""
    _ = translate(request)
    notice = (_("申请已提交，窗口将尽快受理。") if filed
              else _("补正材料已提交，等待窗口重新受理。") if resubmitted
              else _("感谢您的评价。") if rated else None)
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


@router.post("/my/applications/{application_id:int}/rating", response_class=HTMLResponse)
async def rate(request: Request, caller: Filer, application_id: int) -> Response:
    """Rate the closed case once (1–5 stars, tags, a comment); a 差评 opens a rectification."""
    form = await request.form()
    score = str(form.get("score", ""))
    if score not in ("1", "2", "3", "4", "5"):
        return await application_page(request, caller, application_id, status=422,
                                      error=translate(request).gettext("请选择 1 到 5 星。"))
    body = {"score": int(score), "comment": str(form.get("comment", "")).strip()[:1000],
            "tags": [str(t) for t in form.getlist("tag") if str(t) in labels.RATING_TAGS]}
    try:
        await feedback.rate(link(request, caller), application_id, body)
    except ServiceError as refused:
        error, status = refused_as(request, refused)
        return await application_page(request, caller, application_id, status=status,
                                      error=error)
    return RedirectResponse(f"/my/applications/{application_id}?rated=1", status_code=303)


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


async def window_tickets(request: Request, caller: Caller) -> list[walk_in.Ticket] | None:
    """Today's walk-in tickets of the clerk's window (None: the clerk has no window)."""
    if not caller.principal.group:
        return None
    return await walk_in.window_tickets(link(request, caller), caller.principal.group)


@router.get("/clerk/applications/{application_id:int}", response_class=HTMLResponse)
async def clerk_application(request: Request, caller: Clerk, application_id: int,
                            done: str = "") -> Response:
    """One application at the window: the applicant's numbers in clear to check identity,
    completeness, the acceptance decision and the legal clock."""
    done_words = labels.WINDOW_STEPS_DONE
    notice = translate(request).gettext(done_words[done]) if done in done_words else None
    return await application_page(request, caller, application_id, desk="clerk", notice=notice)


async def at_the_window(request: Request, caller: Clerk, application_id: int, action: str,
                        body: Any, done: str, error: str | None = None) -> Response:
    """Run a window's step from the case page; back to it with the notice, or the refusal."""
    if error is None:
        try:
            await intake.handle(link(request, caller), application_id, action, body)
        except ServiceError as refused:
            error, status = refused_as(request, refused)
        else:
            return RedirectResponse(f"/clerk/applications/{application_id}?done={done}",
                                    status_code=303)
    else:
        status = 422
    return await application_page(request, caller, application_id, desk="clerk", error=error,
                                  status=status, kept=body)


@router.post("/clerk/applications/{application_id:int}/non-acceptance",
             response_class=HTMLResponse)
async def not_accept(request: Request, caller: Clerk, application_id: int, ground: Text = "",
                     reason: Text = "", legal_basis: Text = "",
                     competent_body: Text = "") -> Response:
    """不予受理, with the reason and the legal basis (and the competent body when the matter is
    outside the department's competence)."""
    _ = translate(request)
    body = {"ground": ground, "reason": reason.strip(), "legal_basis": legal_basis.strip(),
            "competent_body": competent_body.strip() or None}
    error = (_("请选择不予受理的理由类别。") if ground not in labels.NON_ACCEPTANCE_GROUNDS else
             _("请写明不予受理的理由和法律依据。") if not (body["reason"] and body["legal_basis"])
             else _("不属于本部门职权范围的，须告知申请人向哪个行政机关申请。")
             if ground == "outside_competence" and not body["competent_body"] else None)
    return await at_the_window(request, caller, application_id, "non-acceptance", body,
                               "not-accepted", error)


@router.post("/clerk/applications/{application_id:int}/special-procedures",
             response_class=HTMLResponse)
async def clerk_special_procedure(request: Request, caller: Clerk, application_id: int,
                                  procedure: Text = "", note: Text = "", end: Text = "",
                                  ) -> Response:
    """A special procedure starts (the clock pauses) or, with `end`, ends."""
    if end:
        return await at_the_window(request, caller, application_id,
                                   "special-procedures/end", None, "resumed")
    return await at_the_window(request, caller, application_id, "special-procedures",
                               {"procedure": procedure, "note": note.strip() or None}, "paused")


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
    if error is None and (await intake.application(link(request, caller), application_id)
                          ).clock.second_notice_refusal:
        error = _(ONCE_ONLY)
    return await card(request, caller, "clerk", application_id, action="corrections",
                      body={"items": items},
                      done=_("补正告知已发出。"), error=error, chosen=chosen, open_notice=True)
