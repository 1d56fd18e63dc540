"""The review API under /api/review/v1: cases, opinions, consolidated feedback (groups and
routing: review.organisation)."""

from typing import Annotated

from fastapi import APIRouter, Path

from kit.app import SessionDep
from kit.auth import Principal, require
from review import service
from review.schemas import (
    CaseDetail,
    CaseState,
    CaseSummary,
    FeedbackCreate,
    FeedbackPublic,
    OpinionCreate,
    OpinionPublic,
)

router = APIRouter(prefix="/api/review/v1", tags=["review"])
READERS = ("reviewer", "lead", "admin", "supervisor", "guidance")
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/cases")
def list_cases(session: SessionDep, state: CaseState | None = None,
               principal: Principal = require(*READERS)) -> list[CaseSummary]:
    """Cases of the caller's group (every group for admins and supervisors), newest first."""
    return service.list_cases(session=session, principal=principal, state=state)


@router.get("/cases/{case_id}")
def get_case(case_id: CaseId, session: SessionDep,
             principal: Principal = require(*READERS)) -> CaseDetail:
    """One case: the standard under review, its opinions and the feedback letter if any."""
    return service.get_case(session=session, principal=principal, case_id=case_id)


@router.post("/cases/{case_id}/opinions", status_code=201)
def add_opinion(case_id: CaseId, opinion: OpinionCreate, session: SessionDep,
                principal: Principal = require("reviewer", "lead")) -> OpinionPublic:
    """Record an element-level opinion on an open case of the caller's group."""
    return service.add_opinion(session=session, principal=principal, case_id=case_id,
                               opinion=opinion)


@router.post("/cases/{case_id}/feedback", status_code=201)
def issue_feedback(case_id: CaseId, feedback: FeedbackCreate, session: SessionDep,
                   principal: Principal = require("lead")) -> FeedbackPublic:
    """Close the case with one consolidated feedback letter (一次性反馈) to the department."""
    return service.conclude(session=session, principal=principal, case_id=case_id,
                            feedback=feedback)
