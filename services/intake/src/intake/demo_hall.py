"""The hall's demo: walk-in tickets waiting at the hall's windows today, a few called, one
served and its visit rated (好差评)."""

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from intake.config import IntakeSettings
from intake.desk import Desk
from intake.hall import service as hall
from intake.hall.schemas import TakenTicket, TicketIn
from intake.models_hall import HallTicket
from intake.ratings import visits
from intake.ratings.schemas import RatingIn
from kit.auth import Principal
from kit.clock import china_today

# Tickets taken this morning per window, and how many of them the window has called.
TICKETS = {"investment": (2, 1), "planning": (5, 1), "industry": (1, 0), "social": (4, 1),
           "supervision": (1, 0)}
VISITOR = Principal(sub="anonymous", name="访客", roles=("public",))
# The window whose first ticket was served this morning, and the visitor's rating of it.
RATED = ("social", RatingIn(score=5, tags=["quick", "courteous"],
                            comment="窗口工作人员很耐心，一次办好。"))


def load(session: Session) -> bool:
    """Today's demo tickets, once a day (False when today's are there already)."""
    if session.scalars(select(col(HallTicket.id)).where(
            col(HallTicket.day) == china_today())).first() is not None:
        return False
    desk = Desk.of(IntakeSettings())
    for window, (taken, called) in TICKETS.items():
        if window not in desk.windows:
            continue
        tickets = [hall.take(session=session, desk=desk, principal=VISITOR,
                             ticket=TicketIn(window=window,
                                             phone="13800000000" if n == 0 else None))
                   for n in range(taken)]
        clerk = Principal(sub=f"demo-clerk-{window}", roles=("clerk",), group=window)
        if window == RATED[0]:
            _serve_and_rate(session, desk, clerk, tickets[0])
        for _ in range(called):
            hall.call_next(session=session, desk=desk, principal=clerk, window=window)
    return True


def _serve_and_rate(session: Session, desk: Desk, clerk: Principal, ticket: TakenTicket) -> None:
    called = hall.call_next(session=session, desk=desk, principal=clerk, window=ticket.window)
    hall.finish(session=session, desk=desk, principal=clerk, ticket_id=called.id,
                outcome="served")
    visits.rate_visit(session=session, principal=VISITOR, number=ticket.number,
                      code=ticket.code, rating=RATED[1])
