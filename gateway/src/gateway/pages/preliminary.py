"""The technical guidance group's preliminary check (初审): the cases awaiting it, one case with
the linter's findings, its history and the form that passes it on or returns it."""

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import catalog, preliminary, review
from gateway.clients.base import ServiceError
from gateway.page import (
    CaseHistoryReader,
    Guidance,
    PrecheckWatcher,
    layout_of,
    link,
    refusal,
    render,
    translate,
)
from gateway.standard.feedback import lint_report

router = APIRouter(include_in_schema=False)
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
RESULTS = ("passed", "returned")


@router.get("/review/preliminary")
async def queue(request: Request, caller: PrecheckWatcher) -> Response:
    """Cases awaiting the preliminary check, oldest first, then the latest checked ones."""
    services = link(request, caller)
    waiting, checked, groups = await asyncio.gather(
        preliminary.cases(services, checked=False), preliminary.cases(services, checked=True),
        review.groups(services))
    return render(request, "preliminary_queue.html", caller, waiting=waiting, checked=checked,
                  group_names={g.code: g.name for g in groups})


async def _findings(request: Request, caller: Caller,
                    standard: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The linter's findings on the submitted standard; None when the linter cannot answer."""
    try:
        return await catalog.lint(link(request, caller), standard)
    except ServiceError:
        return None


async def _case_page(request: Request, caller: Caller, case_id: int, *, status: int = 200,
                     typed: dict[str, str] | None = None, error: str | None = None,
                     message: str | None = None) -> Response:
    services = link(request, caller)
    view, windows, groups = await asyncio.gather(
        preliminary.view(services, case_id), catalog.windows(services), review.groups(services))
    _ = translate(request)
    findings = await _findings(request, caller, view.case.standard)
    lint = lint_report(findings, _, layout_of(request))
    may_check = view.case.state == "precheck" and caller.principal.has("guidance")
    suggested = "\n".join(f"{label}：{text}" for _anchor, label, severity, text in lint["summary"]
                          if severity == "error")
    return render(request, "preliminary_case.html", caller, status=status, view=view,
                  case=view.case, lint=lint, may_check=may_check, results=RESULTS,
                  typed=typed or {"result": "", "reasons": suggested}, error=error,
                  message=message, window_names={w.code: w.name for w in windows},
                  group_name=next((g.name for g in groups if g.code == view.case.group),
                                  view.case.group))


@router.get("/review/preliminary/{case_id}")
async def case_page(case_id: CaseId, request: Request, caller: CaseHistoryReader) -> Response:
    """One case: facts, the linter's findings, the standard, the check and the history
    (reviewers and leads: their group's cases)."""
    return await _case_page(request, caller, case_id)


@router.post("/review/preliminary/{case_id}/check")
async def check(case_id: CaseId, request: Request, caller: Guidance,
                result: Annotated[str, Form(max_length=20)] = "",
                reasons: Annotated[str, Form(max_length=4000)] = "") -> Response:
    """Pass the case to its review group, or return it to the department with the reasons."""
    _ = translate(request)
    typed = {"result": result, "reasons": reasons}
    if result not in RESULTS:
        return await _case_page(request, caller, case_id, status=422, typed=typed,
                                error=_("请选择初审结论。"))
    if result == "returned" and not reasons.strip():
        return await _case_page(request, caller, case_id, status=422, typed=typed,
                                error=_("退回部门时，请写明需要补正或修改的内容。"))
    try:
        await preliminary.check(link(request, caller), case_id, typed)
    except ServiceError as refused:
        return await _case_page(request, caller, case_id, status=refused.status, typed=typed,
                                error=refusal(request, refused))
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/review/preliminary/{case_id}", status_code=303)
    message = (_("初审通过，已转审核组联审。") if result == "passed"
               else _("已退回部门，退回理由已送达。"))
    return await _case_page(request, caller, case_id, message=message)
