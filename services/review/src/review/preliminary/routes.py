"""The preliminary check's API under /api/review/v1/preliminary."""

from typing import Annotated

from fastapi import APIRouter, Path

from kit.app import SessionDep
from kit.auth import Principal, require
from review.preliminary import service
from review.preliminary.schemas import CheckCreate, CheckedCase, CheckPublic, PreliminaryView

router = APIRouter(prefix="/api/review/v1/preliminary", tags=["preliminary check"])
# The technical guidance group (技术指导组) checks; administrators and supervisors follow.
WATCHERS = ("guidance", "admin", "supervisor")
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/cases")
def list_cases(session: SessionDep, checked: bool = False,
               _: Principal = require(*WATCHERS)) -> list[CheckedCase]:
    """Cases awaiting the check (oldest first), or with `checked` the latest checked ones."""
    return service.cases(session=session, checked=checked)


@router.get("/cases/{case_id}")
def get_case(case_id: CaseId, session: SessionDep,
             principal: Principal = require(*WATCHERS, "reviewer", "lead")) -> PreliminaryView:
    """A case with its preliminary check and its audited history (reviewers: their group's)."""
    return service.view(session=session, principal=principal, case_id=case_id)


@router.post("/cases/{case_id}/check", status_code=201)
def check(case_id: CaseId, result: CheckCreate, session: SessionDep,
          principal: Principal = require("guidance")) -> CheckPublic:
    """Pass the case to its review group, or return it to the department with the reasons."""
    return service.check(session=session, principal=principal, case_id=case_id, result=result)
