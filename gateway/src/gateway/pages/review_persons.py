"""Pages of review by persons: a reviewer's own cases with their deadlines, and the lead's board
of the group — who has what, what is late — where parts are assigned and reassigned."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import review
from gateway.clients.base import ServiceError
from gateway.page import GroupMember, Lead, link, needs, refusal, render, translate

router = APIRouter(include_in_schema=False)
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
AREAS = ("conditions", "materials", "time_limits", "fees", "discretion", "other")
RULES = ("area", "least_load")
BoardReader = Annotated[Caller, needs("lead", "admin", "supervisor")]
GroupQuery = Annotated[str, Query(max_length=20, pattern=r"^[A-Za-z0-9_-]*$")]


@router.get("/review/my")
async def my_cases(request: Request, caller: GroupMember) -> Response:
    """The caller's open cases, soonest due first, with reminders and late flags."""
    cases = await review.my_cases(link(request, caller))
    return render(request, "review_my.html", caller, cases=cases,
                  soon=[c for c in cases if c.deadline and c.deadline.status != "on_time"])


async def _board_page(request: Request, caller: Caller, group: str, *, status: int = 200,
                      message: str | None = None, error: str | None = None,
                      error_case: int | None = None) -> Response:
    services = link(request, caller)
    found, rules = await asyncio.gather(review.board(services, group),
                                        review.area_rules(services, group))
    principal = caller.principal
    return render(request, "review_board.html", caller, block="board", status=status,
                  board=found, rules={r.area: r.reviewer for r in rules}, areas=AREAS,
                  may_assign=principal.has("lead") and principal.group == group,
                  message=message, error=error, error_case=error_case)


@router.get("/review/board")
async def board(request: Request, caller: BoardReader, group: GroupQuery = "") -> Response:
    """The group's board: open cases with their parts and deadlines, each member's load."""
    own = caller.principal.group if caller.principal.has("lead") else None
    return await _board_page(request, caller, own or group or "G1")


def _group(caller: Caller) -> str:
    return caller.principal.group or ""


async def _after(request: Request, caller: Caller, case_id: int | None, done: str) -> Response:
    if not htmx.is_htmx(request):
        anchor = f"#case-{case_id}" if case_id else "#rules"
        return RedirectResponse(f"/review/board{anchor}", status_code=303)
    return await _board_page(request, caller, _group(caller), message=done)


@router.post("/review/cases/{case_id}/assignments")
async def assign(case_id: CaseId, request: Request, caller: Lead) -> Response:
    """The lead assigns, reassigns or takes back the parts of a case (one select per part:
    "未分配" takes a part back)."""
    _ = translate(request)
    form = await request.form()
    chosen = {a: str(form.get(a, "")).strip()[:120] or None for a in AREAS if a in form}
    if not chosen:
        return await _board_page(request, caller, _group(caller), status=422,
                                 error=_("请为至少一个审核要素选择审核人。"), error_case=case_id)
    try:
        await review.assign(link(request, caller), case_id, chosen)
    except ServiceError as refused:
        return await _board_page(request, caller, _group(caller), status=refused.status,
                                 error=refusal(request, refused), error_case=case_id)
    return await _after(request, caller, case_id, _("分工已保存。"))


@router.post("/review/cases/{case_id}/assignments/rule")
async def apply_rule(case_id: CaseId, request: Request, caller: Lead,
                     rule: Annotated[str, Form(max_length=20)] = "") -> Response:
    """The lead fills a case's unassigned parts by the group's area rules or by least load."""
    _ = translate(request)
    if rule not in RULES:
        return await _board_page(request, caller, _group(caller), status=422,
                                 error=_("请选择分配规则。"), error_case=case_id)
    try:
        await review.apply_rule(link(request, caller), case_id, rule)
    except ServiceError as refused:
        reason = (_("本组尚未设定按要素分工的规则，请先在下方设定。")
                  if refused.status == 422 and rule == "area" else refusal(request, refused))
        return await _board_page(request, caller, _group(caller), status=refused.status,
                                 error=reason, error_case=case_id)
    return await _after(request, caller, case_id, _("已按规则分配未分配的要素。"))


@router.post("/review/board/area-rules")
async def area_rules(request: Request, caller: Lead) -> Response:
    """The lead sets the group's standing rules: which reviewer takes which element area."""
    _ = translate(request)
    form = await request.form()
    rules: dict[str, str | None] = {
        a: (str(form.get(a, "")).strip()[:120] or None) for a in AREAS if a in form}
    if not rules:
        return await _board_page(request, caller, _group(caller), status=422,
                                 error=_("请为审核要素选择审核人。"))
    try:
        await review.set_area_rules(link(request, caller), _group(caller), rules)
    except ServiceError as refused:
        return await _board_page(request, caller, _group(caller), status=refused.status,
                                 error=refusal(request, refused))
    return await _after(request, caller, None, _("分工规则已保存。"))
