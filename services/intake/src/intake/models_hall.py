"""The hall's tables: walk-in tickets (取号) per window and day, and the day's counters."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from intake.models import IntakeTable
from kit.columns import timestamp


class HallTicket(IntakeTable, table=True):
    """One walk-in visitor's ticket for a window on one day (China's date): `A012`."""

    __tablename__ = "hall_ticket"
    __table_args__ = (UniqueConstraint("day", "window", "sequence"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    window: str = Field(max_length=40)
    sequence: int
    number: str = Field(max_length=12)
    phone_sealed: str | None = Field(default=None, max_length=200)  # optional, only sealed
    state: str = Field(default="waiting", max_length=20, index=True)
    taken_at: datetime = timestamp(nullable=False)
    called_at: datetime | None = timestamp(nullable=True)
    called_by: str | None = Field(default=None, max_length=120)
    finished_at: datetime | None = timestamp(nullable=True)
    # The short secret shown when the ticket is taken: whoever holds it rates the visit.
    rating_code: str | None = Field(default=None, max_length=12)


class TicketCounter(IntakeTable, table=True):
    """The last ticket sequence given at one window on one day."""

    __tablename__ = "ticket_counter"

    day: date = Field(primary_key=True)
    window: str = Field(primary_key=True, max_length=40)
    last: int
