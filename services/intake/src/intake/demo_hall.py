"""The hall's demo: walk-in tickets waiting at the hall's windows today, a few called."""

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from intake.config import IntakeSettings
from intake.desk import Desk
from intake.hall import service as hall
from intake.hall.schemas import TicketIn
from intake.models_hall import HallTicket
from kit.auth import Principal
from kit.clock import china_today

# Tickets taken this morning per window, and how many of them the window has called.
TICKETS = {"investment": (2, 1), "planning": (5, 1), "industry": (1, 0), "social": (4, 1),
           "supervision": (1, 0)}
VISITOR = Principal(sub="anonymous", name="访客", roles=("public",))


def load(session: Session) -> bool:
    """Today's demo tickets, once a day (False when today's are there already)."""
    if session.scalars(select(col(HallTicket.id)).where(
            col(HallTicket.day) == china_today())).first() is not None:
        return False
    desk = Desk.of(IntakeSettings())
    for window, (taken, called) in TICKETS.items():
        if window not in desk.windows:
            continue
        for n in range(taken):
            hall.take(session=session, desk=desk, principal=VISITOR,
                      ticket=TicketIn(window=window, phone="13800000000" if n == 0 else None))
        clerk = Principal(sub=f"demo-clerk-{window}", roles=("clerk",), group=window)
        for _ in range(called):
            hall.call_next(session=session, desk=desk, principal=clerk, window=window)
    return True
