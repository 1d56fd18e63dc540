"""What the hall's API takes and answers."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, StringConstraints

from kit.types import Input

PhoneText = Annotated[str, StringConstraints(strip_whitespace=True,
                                             pattern=r"^(1\d{10}|0\d{2,3}-?\d{7,8})?$")]
WindowCode = Annotated[str, StringConstraints(min_length=1, max_length=40,
                                              pattern=r"^[a-z][a-z0-9_-]*$")]
TicketState = Literal["waiting", "called", "served", "no_show"]


class TicketIn(Input):
    """A walk-in visitor's ticket: the window; a phone number only if they wish."""

    window: WindowCode
    phone: PhoneText | None = None


class Ticket(BaseModel):
    """One ticket as its holder and the hall see it (no personal data)."""

    id: int
    number: str
    window: str
    state: TicketState
    ahead: int  # waiting tickets of the same window taken before this one
    taken_at: datetime
    called_at: datetime | None = None
    rated: bool = False  # the visit has been rated (好差评)


class TakenTicket(Ticket):
    """The ticket as its taker gets it, once: with the secret code that lets them rate the
    visit (never shown again)."""

    code: str


class StaffTicket(Ticket):
    """A ticket as the window's clerk sees it: the phone masked, who called it."""

    phone: str | None = None
    called_by: str | None = None
    finished_at: datetime | None = None


class WindowQueue(BaseModel):
    """One window's queue today: how many wait, and the numbers being called."""

    window: str
    letter: str
    waiting: int
    calling: list[str]  # called and not yet finished, the latest first
