"""Electronic supervision of cases (电子监察): the running cases turned yellow or red and the
warnings, for supervisors (every department) and department heads (their own); a case's
warnings with the supervisor's explanation form. Metadata only."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.clients import supervision as intake
from gateway.clients.base import ServiceError
from gateway.i18n import N_
from gateway.page import CaseSupervisor, PageError, Supervisor, link, refusal, render, translate

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
COLOURS = {"warned": N_("黄牌和红牌"), "red": N_("红牌（已超期）"),
           "yellow": N_("黄牌（临近时限）"), "green": N_("绿牌（正常）"), "all": N_("全部在办")}
STATES = {"open": N_("未处置"), "resolved": N_("已处置"), "all": N_("全部")}


@router.get("/supervision/cases", response_class=HTMLResponse)
async def cases(request: Request, caller: CaseSupervisor, colour: str = "warned",
                state: str = "open", department: str = "") -> Response:
    """Running cases by colour and the warnings, filtered by department."""
    colour = colour if colour in COLOURS else "warned"
    state = state if state in STATES else "open"
    department = department if department.isalnum() and len(department) <= 18 else ""
    services = link(request, caller)
    running, warned = await asyncio.gather(
        intake.supervised_cases(services, colour=colour, department=department),
        intake.case_warnings(services, state=state, department=department))
    return render(request, "supervision_cases.html", caller, cases=running, warnings=warned,
                  colour=colour, state=state, department=department, colours=COLOURS,
                  states=STATES)


@router.get("/supervision/cases/{application_id}", response_class=HTMLResponse)
async def case(request: Request, caller: CaseSupervisor, application_id: Id,
               error: str | None = None, status: int = 200) -> Response:
    """One case's colour and warnings, each with its resolution (and the explanation form)."""
    try:
        found = await intake.supervised_case(link(request, caller), application_id)
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    return render(request, "supervision_case.html", caller, found=found, error=error,
                  status=status)


@router.post("/supervision/warnings/{warning_id}/explanation", response_class=HTMLResponse)
async def explain(request: Request, caller: Supervisor, warning_id: Id,
                  application_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
                  note: Annotated[str, Form()] = "") -> Response:
    """Resolve an open warning with the supervisor's explanation."""
    _ = translate(request)
    if not note.strip():
        return await case(request, caller, application_id, error=_("请写明处置说明。"),
                          status=422)
    try:
        await intake.explain_warning(link(request, caller), warning_id, note.strip()[:1000])
    except ServiceError as refused:
        if refused.status >= 500:
            raise
        return await case(request, caller, application_id, status=refused.status,
                          error=refusal(request, refused))
    return RedirectResponse(f"/supervision/cases/{application_id}", status_code=303)
