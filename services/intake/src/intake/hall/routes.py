"""HTTP API of the hall under /api/intake/v1/hall: tickets taken by anyone, called by the
window's clerk."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from intake.hall import service
from intake.hall.schemas import (
    StaffTicket,
    TakenTicket,
    Ticket,
    TicketIn,
    WindowCode,
    WindowQueue,
)
from intake.ratings import visits
from intake.ratings.schemas import RatingOut, VisitRatingIn
from intake.routes import DeskDep
from kit.app import SessionDep
from kit.auth import Principal, PrincipalDep, require
from kit.types import Id

router = APIRouter(prefix="/api/intake/v1/hall", tags=["hall"])
Window = Annotated[WindowCode, Path()]
TicketNumber = Annotated[str, Path(min_length=2, max_length=12, pattern=r"^[A-Za-z]{1,2}\d+$")]
Outcome = Literal["served", "no-show"]


@router.post("/tickets", status_code=201, response_model=TakenTicket)
def take_ticket(session: SessionDep, desk: DeskDep, ticket: TicketIn,
                principal: PrincipalDep) -> TakenTicket:
    """Take a ticket (取号) for a window: public, no personal data needed (a phone optional).
    The answer's `code`, shown only here, lets the holder rate the visit."""
    return service.take(session=session, desk=desk, principal=principal, ticket=ticket)


@router.get("/tickets/{number}", response_model=Ticket)
def ticket(session: SessionDep, number: TicketNumber, _: PrincipalDep) -> Ticket:
    """Today's ticket by its number: its state and how many wait before it (public)."""
    return service.status(session=session, number=number)


@router.get("/windows", response_model=list[WindowQueue])
def windows(session: SessionDep, desk: DeskDep, _: PrincipalDep) -> list[WindowQueue]:
    """Each window's queue today: the waiting count and the numbers being called (public)."""
    return service.queues(session=session, desk=desk)


@router.get("/windows/{window}/tickets", response_model=list[StaffTicket])
def todays_tickets(session: SessionDep, desk: DeskDep, window: Window,
                   principal: Principal = require("clerk")) -> list[StaffTicket]:
    """Today's tickets of the clerk's own window."""
    return service.today(session=session, desk=desk, principal=principal, window=window)


@router.post("/windows/{window}/next", response_model=StaffTicket)
def call_next(session: SessionDep, desk: DeskDep, window: Window,
              principal: Principal = require("clerk")) -> StaffTicket:
    """Call the next waiting ticket of the clerk's own window (409 when nobody waits)."""
    return service.call_next(session=session, desk=desk, principal=principal, window=window)


@router.post("/tickets/{number}/rating", status_code=201, response_model=RatingOut,
             responses={404: {}, 409: {}})
def rate_visit(session: SessionDep, number: TicketNumber, rating: VisitRatingIn,
               principal: Principal = require(*visits.VISITORS)) -> JSONResponse:
    """Rate a served visit once (1–5, tags, comment) with the ticket's number and code: 404
    for a wrong pair, 409 before it is served and the second time."""
    out = visits.rate_visit(session=session, principal=principal, number=number,
                            code=rating.code, rating=rating)
    return JSONResponse(out.model_dump(mode="json"), status_code=201)


@router.post("/tickets/{ticket_id}/{outcome}", response_model=StaffTicket)
def finish(session: SessionDep, desk: DeskDep, ticket_id: Annotated[Id, Path()],
           outcome: Outcome, principal: Principal = require("clerk")) -> StaffTicket:
    """Mark a called ticket of the clerk's window `served` or `no-show`."""
    return service.finish(session=session, desk=desk, principal=principal,
                          ticket_id=ticket_id, outcome=outcome.replace("-", "_"))
