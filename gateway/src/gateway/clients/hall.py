"""The hall's walk-in queue (取号): tickets per window, called by the window's clerk, as the
pages use it (split from clients.intake by topic)."""

from datetime import datetime
from typing import Any

from gateway.clients.base import Answer, Link, read, read_list, segment

SERVICE = "intake"
HALL = "/api/intake/v1/hall"


class Ticket(Answer):
    """A walk-in ticket (取号): its number (A012), window, state and how many wait before it;
    at the window also the phone (masked) and who called it."""

    id: int
    number: str
    window: str
    state: str
    ahead: int
    taken_at: datetime
    called_at: datetime | None = None
    rated: bool = False
    phone: str | None = None


class TakenTicket(Ticket):
    """The ticket as its taker gets it, once: with the code that lets them rate the visit."""

    code: str


class WindowQueue(Answer):
    """One window's queue today: its ticket letter, how many wait, the numbers called."""

    window: str
    letter: str
    waiting: int
    calling: list[str]


async def take_ticket(link: Link, *, window: str, phone: str) -> TakenTicket:
    """Take a ticket for a window (a phone number only if given)."""
    body = {"window": window} | ({"phone": phone} if phone else {})
    return await read(link, TakenTicket, SERVICE, f"{HALL}/tickets", method="POST", json=body)


async def rate_visit(link: Link, number: str, body: dict[str, Any]) -> None:
    """Rate a served visit once by the ticket's number and code (score, tags, comment)."""
    await read(link, Answer, SERVICE, f"{HALL}/tickets/{segment(number)}/rating",
               method="POST", json=body)


async def ticket(link: Link, number: str) -> Ticket:
    """Today's ticket by its number."""
    return await read(link, Ticket, SERVICE, f"{HALL}/tickets/{segment(number)}")


async def queues(link: Link) -> list[WindowQueue]:
    """Every window's queue today."""
    return await read_list(link, WindowQueue, SERVICE, f"{HALL}/windows")


async def window_tickets(link: Link, window: str) -> list[Ticket]:
    """Today's tickets of the clerk's window."""
    return await read_list(link, Ticket, SERVICE, f"{HALL}/windows/{segment(window)}/tickets")


async def call_next(link: Link, window: str) -> Ticket:
    """Call the next waiting ticket of the clerk's window."""
    return await read(link, Ticket, SERVICE, f"{HALL}/windows/{segment(window)}/next",
                      method="POST")


async def finish_ticket(link: Link, ticket_id: int, outcome: str) -> Ticket:
    """Mark a called ticket `served` or `no-show`."""
    return await read(link, Ticket, SERVICE, f"{HALL}/tickets/{ticket_id}/{outcome}",
                      method="POST")
