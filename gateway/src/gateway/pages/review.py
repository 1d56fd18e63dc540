"""Pages of review groups: the queue, one case with its opinions, the consolidated feedback."""

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import PageError, detail_of, fetch, require_sign_in
from gateway.standard.elements import element_label, elements
from gateway.web import render

router = APIRouter(include_in_schema=False)
REVIEWERS = ("reviewer", "lead", "admin", "supervisor")
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SHANGHAI = timezone(timedelta(hours=8))
ASPECTS = ("legality", "reasonableness", "compliance")
# Status messages of refusals a visitor can act on; anything else shows the service's detail.
REFUSALS = {403: "error.forbidden", 404: "error.not_found", 409: "rv.err.conflict",
            412: "ed.err.stale", 422: "rv.err.invalid"}


def local_time(value: str | None) -> str:
    """An ISO timestamp of a service as Beijing time, to the minute."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def refusal(request: Request, response: httpx.Response) -> str:
    """A service's refusal as a sentence for the page, with the service's own detail."""
    t = translator(language(request))
    key = REFUSALS.get(response.status_code)
    detail = detail_of(response)
    return f"{t(key)}（{detail}）" if key else detail


async def send(request: Request, caller: Caller, service: str, method: str, path: str,
               **kwargs: Any) -> httpx.Response:
    """Call a service as the visitor and hand back its answer, refusals included."""
    return await request.app.state.upstreams.call(service, method, path, caller.principal,
                                                  **kwargs)


def check_role(request: Request, caller: Caller, *roles: str) -> Response | None:
    """Sign-in redirect for visitors, 403 page for the wrong role, else None."""
    if (redirect := require_sign_in(request, caller)) is not None:
        return redirect
    if not caller.principal.has(*roles):
        raise PageError(403, translator(language(request))("error.forbidden"))
    return None


async def _group_name(request: Request, caller: Caller) -> str:
    groups = await fetch(request, caller, "review", "/api/review/v1/groups")
    return next((g["name"] for g in groups if g["code"] == caller.principal.group), "")


@router.get("/review/cases")
async def queue(request: Request, caller: CallerDep) -> Response:
    """The group's open cases, then the closed ones."""
    if (stop := check_role(request, caller, *REVIEWERS)) is not None:
        return stop
    open_cases, closed_cases, group_name = await asyncio.gather(
        fetch(request, caller, "review", "/api/review/v1/cases?state=open"),
        fetch(request, caller, "review", "/api/review/v1/cases?state=closed"),
        _group_name(request, caller))
    return render(request, "review_queue.html", caller, open_cases=open_cases,
                  closed_cases=closed_cases, group_name=group_name, when=local_time)


async def _case_page(request: Request, caller: Caller, case_id: int, *, block: str = "content",
                     status: int = 200, opinion: dict[str, str] | None = None,
                     opinion_error: str | None = None, feedback: dict[str, str] | None = None,
                     feedback_error: str | None = None, message: str | None = None) -> Response:
    case, windows, groups = await asyncio.gather(
        fetch(request, caller, "review", f"/api/review/v1/cases/{case_id}"),
        fetch(request, caller, "catalog", "/api/catalog/v1/windows"),
        fetch(request, caller, "review", "/api/review/v1/groups"))
    t = translator(language(request))
    principal = caller.principal
    may_act = (case["state"] == "open" and principal.group == case["group"]
               and principal.has("reviewer", "lead"))
    return render(request, "review_case.html", caller, block=block, status=status, case=case,
                  elements=elements(case["standard"], t), aspects=ASPECTS, may_act=may_act,
                  is_lead=may_act and principal.has("lead"),
                  label_of=lambda path: element_label(path, case["standard"], t),
                  opinion=opinion or {}, opinion_error=opinion_error,
                  feedback=feedback or {}, feedback_error=feedback_error, message=message,
                  window_names={w["code"]: w["name"] for w in windows},
                  group_name=next((g["name"] for g in groups if g["code"] == case["group"]),
                                  case["group"]), when=local_time)


@router.get("/review/cases/{case_id}")
async def case_page(case_id: CaseId, request: Request, caller: CallerDep) -> Response:
    """One case: the standard element by element, opinions, and the lead's feedback form."""
    if (stop := check_role(request, caller, *REVIEWERS)) is not None:
        return stop
    return await _case_page(request, caller, case_id)


@router.post("/review/cases/{case_id}/opinions")
async def add_opinion(case_id: CaseId, request: Request, caller: CallerDep,
                      element: Annotated[str, Form(max_length=200)] = "",
                      aspect: Annotated[str, Form(max_length=40)] = "",
                      text: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """Record an opinion; the opinions panel is shown again with it."""
    if (stop := check_role(request, caller, "reviewer", "lead")) is not None:
        return stop
    t = translator(language(request))
    typed = {"element": element, "aspect": aspect, "text": text}
    if not text.strip() or not element or aspect not in ASPECTS:
        return await _case_page(request, caller, case_id, block="panel", status=422,
                                opinion=typed, opinion_error=t("rv.err.opinion_incomplete"))
    answer = await send(request, caller, "review", "POST",
                        f"/api/review/v1/cases/{case_id}/opinions", json=typed)
    if answer.status_code >= 400:
        return await _case_page(request, caller, case_id, block="panel",
                                status=answer.status_code, opinion=typed,
                                opinion_error=refusal(request, answer))
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/review/cases/{case_id}#opinions", status_code=303)
    return await _case_page(request, caller, case_id, block="panel",
                            message=t("rv.opinion.recorded"))


@router.post("/review/cases/{case_id}/feedback")
async def issue_feedback(case_id: CaseId, request: Request, caller: CallerDep,
                         decision: Annotated[str, Form(max_length=20)] = "",
                         summary: Annotated[str, Form(max_length=4000)] = "") -> Response:
    """The lead closes the case with one consolidated feedback letter."""
    if (stop := check_role(request, caller, "lead")) is not None:
        return stop
    t = translator(language(request))
    typed = {"decision": decision, "summary": summary}
    if decision not in ("approved", "returned"):
        return await _case_page(request, caller, case_id, status=422, feedback=typed,
                                feedback_error=t("rv.err.decision"))
    answer = await send(request, caller, "review", "POST",
                        f"/api/review/v1/cases/{case_id}/feedback", json=typed)
    if answer.status_code >= 400:
        unexplained = answer.status_code == 422 and decision == "returned"
        reason = t("rv.err.return_reason") if unexplained else refusal(request, answer)
        return await _case_page(request, caller, case_id, status=answer.status_code,
                                feedback=typed, feedback_error=reason)
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/review/cases/{case_id}", status_code=303)
    return await _case_page(request, caller, case_id, message=t("rv.feedback.issued"))
