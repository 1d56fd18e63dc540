"""HTTP API of electronic supervision under /api/intake/v1/supervision: supervisors see every
department's running cases and warnings, a department's approver (its head) their own."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from intake.routes import DeskDep
from intake.supervision import board, service
from intake.supervision.colours import GREEN, RED, YELLOW
from intake.supervision.schemas import (
    CaseWarnings,
    ExplanationIn,
    ListedWarning,
    SupervisedCase,
    WarningOut,
)
from kit.app import SessionDep
from kit.auth import Principal, require
from kit.clock import china_today
from kit.types import Id

router = APIRouter(prefix="/api/intake/v1/supervision", tags=["supervision"])
OVERSEERS = ("supervisor", "approver")
Colour = Literal["red", "yellow", "green", "warned", "all"]
Department = Annotated[str | None, Query(max_length=18, pattern=r"^[0-9A-Za-z]*$")]
SHOWN = {"red": {RED}, "yellow": {YELLOW}, "green": {GREEN}, "warned": {RED, YELLOW},
         "all": {RED, YELLOW, GREEN}}


@router.get("/cases", response_model=list[SupervisedCase])
def cases(session: SessionDep, desk: DeskDep, colour: Colour = "warned",
          department: Department = None,
          principal: Principal = require(*OVERSEERS)) -> list[SupervisedCase]:
    """Running cases by colour (red and yellow by default), the earliest due first."""
    return board.running(session=session, principal=principal, today=china_today(),
                         share=desk.yellow_share, colours=SHOWN[colour], department=department)


@router.get("/warnings", response_model=list[ListedWarning])
def warnings(session: SessionDep, state: Literal["open", "resolved", "all"] = "open",
             level: Literal["yellow", "red"] | None = None, department: Department = None,
             principal: Principal = require(*OVERSEERS)) -> list[ListedWarning]:
    """Warnings raised on cases, open by default, newest first."""
    return board.warnings(session=session, principal=principal, state=state, level=level,
                          department=department)


@router.get("/cases/{application_id}", response_model=CaseWarnings, responses={404: {}})
def case(session: SessionDep, desk: DeskDep, application_id: Annotated[Id, Path()],
         principal: Principal = require(*OVERSEERS)) -> CaseWarnings:
    """One overseen case with its colour and every warning and resolution."""
    return board.case_warnings(session=session, principal=principal,
                               application_id=application_id, today=china_today(),
                               share=desk.yellow_share)


@router.post("/warnings/{warning_id}/explanation", response_model=WarningOut,
             responses={404: {}, 409: {}})
def explain(session: SessionDep, warning_id: Annotated[Id, Path()], body: ExplanationIn,
            principal: Principal = require("supervisor")) -> WarningOut:
    """A supervisor resolves an open warning with a note; 409 once resolved."""
    board.visible_warning(session=session, principal=principal, warning_id=warning_id)
    row = service.explain(session=session, principal=principal, warning_id=warning_id,
                          note=body.note)
    return WarningOut.model_validate(row, from_attributes=True)
