"""HTTP API of complaints (监督投诉) and departments' timeliness under /api/intake/v1."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from intake.complaints import handling, service, timeliness
from intake.complaints.schemas import (
    CODE,
    ComplaintHandled,
    ComplaintIn,
    ComplaintPublic,
    ComplaintRatingIn,
    ComplaintState,
    Filed,
    TextIn,
    Timeliness,
)
from intake.routes import DeskDep
from kit.app import AuditedReadDep, SessionDep
from kit.auth import Principal, PrincipalDep, require

router = APIRouter(prefix="/api/intake/v1", tags=["complaints"])

SUPERVISORS = ("supervisor",)
TIMELINESS_READERS = ("supervisor", "lead")
Number = Annotated[str, Path(max_length=30, pattern=r"^[0-9A-Za-z-]+$")]


@router.post("/complaints", status_code=201, response_model=Filed, responses={422: {}})
def file_complaint(request: Request, session: SessionDep, desk: DeskDep, complaint: ComplaintIn,
                   principal: PrincipalDep) -> JSONResponse:
    """File a complaint (public: without signing in, give name and phone); the answer is the
    complaint number and the query code to follow it."""
    filed = service.file_complaint(session=session, keys=desk.keys, zone=desk.zone,
                                   roster=request.app.state.settings.roster(),
                                   principal=principal, complaint=complaint)
    return JSONResponse(filed.model_dump(mode="json"), status_code=201)


@router.get("/complaints", response_model=list[ComplaintHandled])
def queue(session: AuditedReadDep, desk: DeskDep, state: ComplaintState | None = None,
          principal: Principal = require(*SUPERVISORS)) -> list[ComplaintHandled]:
    """The complaints the supervisor handles (assigned to them or to no one), open first."""
    return handling.queue(session=session, keys=desk.keys, principal=principal, state=state)


@router.get("/complaints/{number}", response_model=ComplaintPublic)
def follow(session: AuditedReadDep, number: Number, code: Annotated[CODE, Query()],
           principal: PrincipalDep) -> ComplaintPublic:
    """A complaint's state, answer and timeline (public, with its query code; 404 for a
    wrong pair)."""
    return service.public_view(session=session, principal=principal, number=number, code=code)


@router.post("/complaints/{number}/rating", response_model=ComplaintPublic)
def rate(session: SessionDep, number: Number, body: ComplaintRatingIn,
         principal: PrincipalDep) -> ComplaintPublic:
    """The complainant rates the answer (1–5) once, with the query code."""
    return service.rate_answer(session=session, principal=principal, number=number,
                               code=body.code, score=body.score)


@router.get("/complaints/{number}/handling", response_model=ComplaintHandled)
def handled(session: AuditedReadDep, desk: DeskDep, number: Number,
            principal: Principal = require(*SUPERVISORS)) -> ComplaintHandled:
    """One complaint in the supervisor's queue, with the investigation notes."""
    return handling.handled(session=session, keys=desk.keys, principal=principal, number=number)


@router.post("/complaints/{number}/accept", response_model=ComplaintHandled)
def accept(session: SessionDep, desk: DeskDep, number: Number,
           principal: Principal = require(*SUPERVISORS)) -> ComplaintHandled:
    """Take the complaint in hand (受理); an unassigned one becomes the supervisor's."""
    return handling.act(session=session, keys=desk.keys, principal=principal, number=number,
                        action="accept")


@router.post("/complaints/{number}/notes", response_model=ComplaintHandled)
def note(session: SessionDep, desk: DeskDep, number: Number, body: TextIn,
         principal: Principal = require(*SUPERVISORS)) -> ComplaintHandled:
    """An investigation note (not shown to the complainant)."""
    return handling.act(session=session, keys=desk.keys, principal=principal, number=number,
                        action="note", text=body.text)


@router.post("/complaints/{number}/answer", response_model=ComplaintHandled)
def answer(session: SessionDep, desk: DeskDep, number: Number, body: TextIn,
           principal: Principal = require(*SUPERVISORS)) -> ComplaintHandled:
    """The answer to the complainant (答复), due within 10 working days of filing."""
    return handling.act(session=session, keys=desk.keys, principal=principal, number=number,
                        action="answer", text=body.text)


@router.post("/complaints/{number}/close", response_model=ComplaintHandled)
def close(session: SessionDep, desk: DeskDep, number: Number,
          principal: Principal = require(*SUPERVISORS)) -> ComplaintHandled:
    """Close an answered complaint."""
    return handling.act(session=session, keys=desk.keys, principal=principal, number=number,
                        action="close")


@router.get("/oversight/timeliness", response_model=list[Timeliness])
def departments_timeliness(session: SessionDep,
                           principal: Principal = require(*TIMELINESS_READERS)
                           ) -> list[Timeliness]:
    """Every department's timeliness: share of cases decided by their due date, overdue open
    cases, rectifications on time (the least timely first)."""
    del principal
    return timeliness.timeliness(session=session)
