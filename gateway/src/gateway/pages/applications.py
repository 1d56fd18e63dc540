"""Applying online and following the case: applicants and butlers, window clerks, approvers."""

import asyncio
from typing import Annotated, Any
from uuid import uuid4

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.background import BackgroundTask
from starlette.datastructures import FormData, UploadFile

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.pages.common import PageError, call, detail_of, fetch, require_sign_in
from gateway.pages.public import client_status, guide_of, refusal, show, translate

router = APIRouter(include_in_schema=False)
INTAKE = "/api/intake/v1/applications"
FILERS = ("applicant", "butler")
READERS = ("applicant", "butler", "clerk", "approver", "supervisor", "admin")
WAITING = ("submitted", "corrected")
QUEUE_SIZE = 50
MY_PAGE = 20
Text = Annotated[str, Form()]


def gate(request: Request, caller: Caller, *roles: str) -> Response | None:
    """Sign in first, then hold one of `roles`: a redirect, a 403 page, or None to go on."""
    if not caller.signed_in:
        if request.method == "GET" and not htmx.is_htmx(request):
            return require_sign_in(request, caller)
        # After signing in, an action's URL cannot be opened: come back to the page, or home.
        target = f"/sign-in?next={request.url.path}" if request.method == "GET" else "/sign-in"
        if htmx.is_htmx(request):
            return htmx.redirect(Response(), target)
        return RedirectResponse(target, status_code=303)
    if not caller.principal.has(*roles):
        raise PageError(403, translate(request)("error.forbidden"))
    return None


async def files_of(form: FormData) -> list[tuple[str, tuple[str, bytes, str]]]:
    """The chosen files of a multipart form, ready to pass on (an empty file input sends none)."""
    chosen = [f for f in form.getlist("materials") if isinstance(f, UploadFile) and f.filename]
    return [("materials", (f.filename or "material", await f.read(),
                           f.content_type or "application/octet-stream")) for f in chosen]


async def listed(request: Request, caller: Caller, **params: Any) -> list[dict[str, Any]]:
    """Applications the caller may see (intake decides which)."""
    return (await call(request, caller, "intake", "GET", INTAKE, params=params)).json()  # type: ignore[no-any-return]


async def detailed(request: Request, caller: Caller,
                   summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The full application behind each summary, fetched together."""
    return list(await asyncio.gather(*(
        fetch(request, caller, "intake", f"{INTAKE}/{s['id']}") for s in summaries)))


# --- applying ---

async def apply_page(request: Request, caller: Caller, code: str, chosen: dict[str, str], *,
                     error: str | None = None, status: int = 200) -> Response:
    guide = await guide_of(request, caller, code)
    return show(request, "apply.html", caller, status=status, guide=guide, chosen=chosen,
                error=error, mandators=caller.principal.mandators)


@router.get("/apply/{code}", response_class=HTMLResponse)
async def apply_form(request: Request, caller: CallerDep, code: str) -> Response:
    """The application form; its idempotency key makes a double submit file one application."""
    if stop := gate(request, caller, *FILERS):
        return stop
    return await apply_page(request, caller, code, {"key": str(uuid4())})


@router.post("/apply/{code}", response_class=HTMLResponse)
async def apply(request: Request, caller: CallerDep, code: str, on_behalf_of: Text = "",
                note: Text = "", idempotency_key: Text = "") -> Response:
    """File the application with intake; on refusal show the form again with the reason."""
    if stop := gate(request, caller, *FILERS):
        return stop
    chosen = {"on_behalf_of": on_behalf_of, "note": note,
              "key": idempotency_key[:255] or str(uuid4())}
    files = await files_of(await request.form())
    if not files:
        return await apply_page(request, caller, code, chosen, status=422,
                                error=translate(request)("apply.need_file"))
    body = {"implementation_code": code, "on_behalf_of": on_behalf_of, "note": note}
    try:
        filed = await call(request, caller, "intake", "POST", INTAKE, data=body, files=files,
                           headers={"Idempotency-Key": chosen["key"]})
    except PageError as exc:
        return await apply_page(request, caller, code, chosen, status=client_status(exc),
                                error=refusal(request, exc))
    return RedirectResponse(f"/my/applications/{filed.json()['id']}?filed=1", status_code=303)


# --- following one's applications ---

@router.get("/my/applications", response_class=HTMLResponse)
async def my_applications(request: Request, caller: CallerDep, start: str = "0") -> Response:
    """The caller's applications, newest first, with the result of the decided ones."""
    if stop := gate(request, caller, *FILERS):
        return stop
    offset = int(start) if start.isdigit() and int(start) <= 1_000_000 else 0
    applications = await listed(request, caller, limit=MY_PAGE + 1, offset=offset)
    shown = applications[:MY_PAGE]
    decided = await detailed(request, caller,
                             [a for a in shown if a["state"] in ("approved", "rejected")])
    decisions = {d["id"]: d["decision"] for d in decided}
    return show(request, "my_applications.html", caller, applications=shown,
                decisions=decisions, offset=offset, page_size=MY_PAGE,
                more=len(applications) > MY_PAGE)


async def application_page(request: Request, caller: Caller, application_id: int, *,
                           notice: str | None = None, error: str | None = None,
                           status: int = 200) -> Response:
    try:
        application = await fetch(request, caller, "intake", f"{INTAKE}/{application_id}")
    except PageError as exc:
        raise PageError(exc.status, refusal(request, exc)) from exc
    return show(request, "application.html", caller, status=status, application=application,
                notice=notice, error=error)


@router.get("/my/applications/{application_id:int}", response_class=HTMLResponse)
async def my_application(request: Request, caller: CallerDep, application_id: int,
                         filed: str = "", resubmitted: str = "") -> Response:
    """One application: pinned version, materials, notices, decision, history."""
    if stop := gate(request, caller, *FILERS):
        return stop
    t = translate(request)
    notice = t("app.filed") if filed else t("app.resubmitted") if resubmitted else None
    return await application_page(request, caller, application_id, notice=notice)


@router.post("/my/applications/{application_id:int}/resubmit", response_class=HTMLResponse)
async def resubmit(request: Request, caller: CallerDep, application_id: int) -> Response:
    """Send the corrected materials the one-time notice asked for."""
    if stop := gate(request, caller, *FILERS):
        return stop
    files = await files_of(await request.form())
    if not files:
        return await application_page(request, caller, application_id, status=422,
                                      error=translate(request)("apply.need_file"))
    try:
        await call(request, caller, "intake", "POST", f"{INTAKE}/{application_id}/resubmit",
                   files=files)
    except PageError as exc:
        return await application_page(request, caller, application_id,
                                      status=client_status(exc), error=refusal(request, exc))
    return RedirectResponse(f"/my/applications/{application_id}?resubmitted=1",
                            status_code=303)


@router.get("/applications/{application_id:int}/materials/{material_id:int}")
async def material(request: Request, caller: CallerDep, application_id: int,
                   material_id: int) -> Response:
    """One uploaded material, streamed from intake to whoever may see the application."""
    if stop := gate(request, caller, *READERS):
        return stop
    upstreams = request.app.state.upstreams
    path = f"{INTAKE}/{application_id}/materials/{material_id}"
    outgoing = upstreams.client.build_request("GET", upstreams.url("intake", path),
                                              headers=upstreams.headers(caller.principal))
    upstream = await upstreams.client.send(outgoing, stream=True)
    if upstream.status_code >= 400:
        await upstream.aread()
        await upstream.aclose()
        raise PageError(upstream.status_code, detail_of(upstream))
    headers = {h: v for h in ("content-type", "content-disposition")
               if (v := upstream.headers.get(h))}
    return StreamingResponse(upstream.aiter_bytes(), headers=headers,
                             background=BackgroundTask(upstream.aclose))


# --- the window and the department ---

async def card(request: Request, caller: Caller, template: str, application_id: int, *,
               queue: str, action: str | None = None, body: Any = None, done: str = "",
               error: str | None = None, status: int = 422, **kept: Any) -> Response:
    """Run `action` on the application (if any and no `error` yet) and show its card again.

    An HTMX request gets the card (with the notice or the refusal); a plain form goes back to
    the queue, or to a readable error page when refused.
    """
    if error is None and action is not None:
        try:
            application = (await call(request, caller, "intake", "POST",
                                      f"{INTAKE}/{application_id}/{action}", json=body)).json()
        except PageError as exc:
            error, status = refusal(request, exc), client_status(exc)
        else:
            if not htmx.is_htmx(request):
                return RedirectResponse(queue, status_code=303)
            return show(request, template, caller, block="card", application=application,
                        notice=done)
    if not htmx.is_htmx(request):
        raise PageError(status, error or "")
    application = await fetch(request, caller, "intake", f"{INTAKE}/{application_id}")
    return show(request, template, caller, block="card", status=status,
                application=application, error=error, **kept)


@router.get("/clerk/applications", response_class=HTMLResponse)
async def clerk_queue(request: Request, caller: CallerDep) -> Response:
    """The window's queue: applications to accept or to correct first, then recent ones."""
    if stop := gate(request, caller, "clerk"):
        return stop
    per_state = await asyncio.gather(*(listed(request, caller, state=s, limit=QUEUE_SIZE)
                                       for s in WAITING))
    waiting = sorted((a for found in per_state for a in found), key=lambda a: a["submitted_at"])
    recent = [a for a in await listed(request, caller, limit=20) if a["state"] not in WAITING]
    return show(request, "clerk_queue.html", caller,
                waiting=await detailed(request, caller, waiting[:QUEUE_SIZE]), recent=recent)


@router.post("/clerk/applications/{application_id:int}/accept", response_class=HTMLResponse)
async def accept(request: Request, caller: CallerDep, application_id: int) -> Response:
    """Accept (受理) the application: the legal clock starts."""
    if stop := gate(request, caller, "clerk"):
        return stop
    return await card(request, caller, "_app_clerk_card.html", application_id,
                      queue="/clerk/applications", action="accept",
                      done=translate(request)("clerk.accepted"))


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
async def corrections(request: Request, caller: CallerDep, application_id: int) -> Response:
    """Send the one-time notice listing every missing or wrong material, each with a reason."""
    if stop := gate(request, caller, "clerk"):
        return stop
    t = translate(request)
    items, chosen = notice_items(await request.form())
    error = (t("clerk.need_item") if not items else
             t("clerk.need_reason") if not all(i["reason"] for i in items) else None)
    return await card(request, caller, "_app_clerk_card.html", application_id,
                      queue="/clerk/applications", action="corrections", body={"items": items},
                      done=t("clerk.sent"), error=error, chosen=chosen, open_notice=True)


@router.get("/approver/applications", response_class=HTMLResponse)
async def approver_queue(request: Request, caller: CallerDep) -> Response:
    """The department's accepted applications waiting for a decision, the earliest due first."""
    if stop := gate(request, caller, "approver"):
        return stop
    accepted = await listed(request, caller, state="accepted", limit=QUEUE_SIZE)
    accepted.sort(key=lambda a: (a["due_date"] or "9999", a["submitted_at"]))
    return show(request, "approver_queue.html", caller,
                applications=await detailed(request, caller, accepted))


@router.post("/approver/applications/{application_id:int}/decision",
             response_class=HTMLResponse)
async def decide(request: Request, caller: CallerDep, application_id: int,
                 decision: Text = "", opinion: Text = "") -> Response:
    """Grant (准予许可) or refuse (不予许可, with the reasons) an accepted application."""
    if stop := gate(request, caller, "approver"):
        return stop
    t = translate(request)
    error = (t("approver.need_decision") if decision not in ("approved", "rejected") else
             t("approver.need_opinion") if decision == "rejected" and not opinion.strip()
             else None)
    return await card(request, caller, "_app_approver_card.html", application_id,
                      queue="/approver/applications", action="decision",
                      body={"decision": decision, "opinion": opinion.strip()},
                      done=t("approver.decided"), error=error, opinion=opinion)
