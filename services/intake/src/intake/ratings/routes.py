"""HTTP API of ratings (好差评) and rectifications (整改) under /api/intake/v1."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from intake.ratings import service, visits
from intake.ratings.schemas import (
    CallbackIn,
    OutcomeIn,
    RatingIn,
    RatingOut,
    RatingSummary,
    RectificationOut,
)
from kit.app import AuditedReadDep, SessionDep
from kit.auth import Principal, require
from kit.errors import Forbidden
from kit.types import Id

router = APIRouter(prefix="/api/intake/v1", tags=["ratings"])

RATERS = ("applicant", "butler")
READERS = ("applicant", "butler", "clerk", "approver", "supervisor")
# A department's staff answer its rectifications; supervisors follow all of them.
RECTIFIERS = ("approver",)
OVERSEERS = ("approver", "supervisor")
SUMMARY_READERS = ("supervisor", "lead", "approver")
ApplicationId = Annotated[Id, Path()]
RectificationId = Annotated[Id, Path()]


@router.post("/applications/{application_id}/rating", status_code=201,
             response_model=RatingOut, responses={409: {}, 404: {}})
def rate(session: SessionDep, application_id: ApplicationId, rating: RatingIn,
         principal: Principal = require(*RATERS)) -> JSONResponse:
    """Rate a closed case once (1–5, tags, comment); a 差评 (1–2) opens a rectification for
    the department. 409 before the case is closed and the second time."""
    out = service.rate_case(session=session, principal=principal,
                            application_id=application_id, rating=rating)
    return JSONResponse(out.model_dump(mode="json"), status_code=201)


@router.get("/applications/{application_id}/rating", response_model=RatingOut)
def rating(session: SessionDep, application_id: ApplicationId,
           principal: Principal = require(*READERS)) -> RatingOut:
    """The rating of a case and the rectification it opened, with the outcome; 404 while
    the case has not been rated."""
    return service.rating_of(session=session, principal=principal,
                             application_id=application_id)


@router.get("/ratings/summary", response_model=list[RatingSummary])
def summary(session: SessionDep,
            by: Literal["matter", "department", "window"] = "department",
            principal: Principal = require(*SUMMARY_READERS)) -> list[RatingSummary]:
    """Case ratings per matter or department, or hall-visit ratings per window (supervisors
    and leads only): count, average, share of 差评, tags (the lowest average first)."""
    if by == "window":
        if not principal.has("supervisor", "lead"):
            raise Forbidden("The hall's ratings per window are for supervisors and leads.")
        return visits.by_window(session)
    return service.summary(session=session, principal=principal, by=by)


@router.get("/rectifications", response_model=list[RectificationOut])
def rectifications(session: AuditedReadDep, state: Literal["open", "closed"] | None = None,
                   principal: Principal = require(*OVERSEERS)) -> list[RectificationOut]:
    """The department's rectifications (supervisors: every department's), open first."""
    return service.rectifications(session=session, principal=principal, state=state)


@router.get("/rectifications/{rectification_id}", response_model=RectificationOut)
def rectification(session: SessionDep, rectification_id: RectificationId,
                  principal: Principal = require(*OVERSEERS)) -> RectificationOut:
    """One rectification with the rating that opened it."""
    return service.rectification_out(session=session, principal=principal,
                                      rectification_id=rectification_id)


@router.post("/rectifications/{rectification_id}/callback", response_model=RectificationOut)
def callback(session: SessionDep, rectification_id: RectificationId, body: CallbackIn,
             principal: Principal = require(*RECTIFIERS)) -> RectificationOut:
    """Record the call-back (回访) to the applicant: when, and what they said."""
    return service.record_callback(session=session, principal=principal,
                                   rectification_id=rectification_id,
                                   called_at=body.called_at, note=body.note)


@router.post("/rectifications/{rectification_id}/close", response_model=RectificationOut)
def close(session: SessionDep, rectification_id: RectificationId, body: OutcomeIn,
          principal: Principal = require(*RECTIFIERS)) -> RectificationOut:
    """Record the outcome (整改结果) and close the rectification; the applicant sees it."""
    return service.close(session=session, principal=principal,
                         rectification_id=rectification_id, outcome=body.outcome)
