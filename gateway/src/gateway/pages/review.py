"""Pages of review groups: the queue, one case with its opinions, the consolidated feedback."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import catalog, review
from gateway.clients.base import ServiceError
from gateway.desk import Desk, desk
from gateway.page import GroupMember, Lead, Reviewer, layout_of, link, refusal, render, translate
from gateway.standard.elements import element_label, elements
from gateway.standard.points import desk_extras, opinion_body

router = APIRouter(include_in_schema=False)
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
ASPECTS = ("legality", "reasonableness", "compliance")


@router.get("/review/cases")
async def queue(request: Request, caller: Reviewer) -> Response:
    """The group's open cases, then the closed ones."""
    services = link(request, caller)
    open_cases, closed_cases, groups = await asyncio.gather(
        review.cases(services, "open"), review.cases(services, "closed"),
        review.groups(services))
    group_name = next((g.name for g in groups if g.code == caller.principal.group), "")
    return render(request, "review_queue.html", caller, open_cases=open_cases,
                  closed_cases=closed_cases, group_name=group_name)


async def _case_page(request: Request, caller: Caller, case_id: int, *, block: str = "content",
                     status: int = 200, opinion: dict[str, str] | None = None,
                     opinion_error: str | None = None, feedback: dict[str, str] | None = None,
                     feedback_error: str | None = None, message: str | None = None,
                     ruling_error: str | None = None) -> Response:
    services = link(request, caller)
    case, windows, groups, consolidated = await asyncio.gather(
        review.case(services, case_id), catalog.windows(services), review.groups(services),
        review.consolidation(services, case_id))
    _ = translate(request)
    principal = caller.principal
    may_act = (case.state == "open" and principal.group == case.group
               and principal.has("reviewer", "lead"))
    layout = layout_of(request)
    # The desk beside the standard (parts, findings, diff, history) is drawn with the page only.
    found = await desk(services, case, layout) if block == "content" else Desk()
    return render(request, "review_case.html", caller, block=block, status=status, case=case,
                  desk=found, may_assign=case.state == "open" and principal.has("lead")
                  and principal.group == case.group,
                  elements=elements(case.standard, layout), aspects=ASPECTS, may_act=may_act,
                  is_lead=may_act and principal.has("lead"),
                  label_of=lambda path: element_label(path, case.standard, layout),
                  opinion=opinion or {}, opinion_error=opinion_error,
                  feedback=feedback or {}, feedback_error=feedback_error, message=message,
                  window_names={w.code: w.name for w in windows},
                  group_name=next((g.name for g in groups if g.code == case.group), case.group),
                  **desk_extras(case, consolidated, layout), ruling_error=ruling_error)


@router.get("/review/cases/{case_id}")
async def case_page(case_id: CaseId, request: Request, caller: Reviewer) -> Response:
    """One case: the standard element by element, opinions, and the lead's feedback form."""
    return await _case_page(request, caller, case_id)


@router.post("/review/cases/{case_id}/opinions")
async def add_opinion(case_id: CaseId, request: Request, caller: GroupMember,
                      element: Annotated[str, Form(max_length=200)] = "",
                      aspect: Annotated[str, Form(max_length=40)] = "",
                      text: Annotated[str, Form(max_length=2000)] = "",
                      severity: Annotated[str, Form(max_length=20)] = "must_fix",
                      proposal: Annotated[str, Form(max_length=10)] = "",
                      value: Annotated[str, Form(max_length=500)] = "",
                      wording: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """Record an opinion; the opinions panel is shown again with it."""
    _ = translate(request)
    typed = {"element": element, "aspect": aspect, "text": text, "severity": severity,
             "proposal": proposal, "value": value, "wording": wording}
    if not text.strip() or not element or aspect not in ASPECTS:
        return await _case_page(request, caller, case_id, block="panel", status=422,
                                opinion=typed,
                                opinion_error=_("请选择审核要素和角度，并填写意见内容。"))
    try:
        await review.add_opinion(link(request, caller), case_id, opinion_body(typed))
    except ServiceError as refused:
        return await _case_page(request, caller, case_id, block="panel", status=refused.status,
                                opinion=typed, opinion_error=refusal(request, refused))
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/review/cases/{case_id}#opinions", status_code=303)
    return await _case_page(request, caller, case_id, block="panel",
                            message=_("意见已记录。"))


@router.post("/review/cases/{case_id}/feedback")
async def issue_feedback(case_id: CaseId, request: Request, caller: Lead,
                         decision: Annotated[str, Form(max_length=20)] = "",
                         summary: Annotated[str, Form(max_length=4000)] = "") -> Response:
    """The lead closes the case with one consolidated feedback letter."""
    _ = translate(request)
    typed = {"decision": decision, "summary": summary}
    if decision not in ("approved", "returned"):
        return await _case_page(request, caller, case_id, status=422, feedback=typed,
                                feedback_error=_("请选择审核结论。"))
    try:
        await review.issue_feedback(link(request, caller), case_id, typed)
    except ServiceError as refused:
        unexplained = refused.status == 422 and decision == "returned"
        conflicts = [e for e in refused.errors if "element" in e]
        reason = (_("退回修改时，请填写总体意见或至少记录一条审核意见。") if unexplained
                  else _("有 %(n)s 处意见相互矛盾，请先在汇总反馈预览中裁定，再发出反馈。",
                         n=len(conflicts)) if refused.status == 409 and conflicts
                  else refusal(request, refused))
        return await _case_page(request, caller, case_id, status=refused.status,
                                feedback=typed, feedback_error=reason)
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/review/cases/{case_id}", status_code=303)
    return await _case_page(request, caller, case_id, message=_("一次性反馈已发给部门。"))


@router.post("/review/cases/{case_id}/conflicts")
async def resolve_conflict(case_id: CaseId, request: Request, caller: Lead,
                           element: Annotated[str, Form(max_length=200)] = "",
                           chosen: Annotated[str, Form(max_length=12)] = "",
                           note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """The lead rules on contradicting opinions: which one stands, or none with a note."""
    _ = translate(request)
    ruling = {"element": element, "note": note.strip(),
              "chosen_opinion_id": int(chosen) if chosen.isascii() and chosen.isdigit() else None}
    if ruling["chosen_opinion_id"] is None and not ruling["note"]:
        return await _case_page(request, caller, case_id, status=422,
                                ruling_error=_("请选择采纳哪条意见，或写明裁定意见。"))
    try:
        await review.resolve_conflict(link(request, caller), case_id, ruling)
    except ServiceError as refused:
        return await _case_page(request, caller, case_id, status=refused.status,
                                ruling_error=refusal(request, refused))
    return RedirectResponse(f"/review/cases/{case_id}#consolidation", status_code=303)
