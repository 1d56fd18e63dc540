"""Tickets: taken at a window's number dispenser, called in order by the window's clerk."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Table, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from intake import numbers
from intake.desk import Desk
from intake.hall.schemas import StaffTicket, TakenTicket, Ticket, TicketIn, WindowQueue
from intake.identity import mask
from intake.models import audit
from intake.models_feedback import Rating
from intake.models_hall import HallTicket, TicketCounter
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_today, now
from kit.errors import Conflict, Forbidden, NotFound

CALL_TRIES = 20  # a clerk racing others for the next ticket moves on to the one after
SHOWN_CALLING = 3


def take(*, session: Session, desk: Desk, principal: Principal,
         ticket: TicketIn) -> TakenTicket:
    """A new ticket for `ticket.window`, numbered by the window's letter and the day's count,
    with the secret code that lets its holder rate the visit."""
    letter = desk.windows.get(ticket.window)
    if letter is None:
        raise NotFound(f"No window {ticket.window!r} gives tickets in this hall.")
    day = china_today()
    sequence = _next_sequence(session, day=day, window=ticket.window)
    row = HallTicket(day=day, window=ticket.window, sequence=sequence,
                     number=f"{letter}{sequence:03d}", taken_at=now(),
                     rating_code=numbers.query_code(),
                     phone_sealed=desk.keys.seal({"phone": ticket.phone}) if ticket.phone
                     else None)
    session.add(row)
    session.flush()
    _audit(session, principal, row, "taken", before=None)
    return TakenTicket(**_public(session, row).model_dump(), code=row.rating_code or "")


def _next_sequence(session: Session, *, day: date, window: str) -> int:
    table: Table = TicketCounter.__table__  # type: ignore[attr-defined]  # SQLModel sets it
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(day=day, window=window, last=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.day, table.c.window],
        set_={"last": table.c.last + 1}).returning(table.c.last)
    return int(session.execute(statement).scalar_one())


def status(*, session: Session, number: str) -> Ticket:
    """Today's ticket `number` (e.g. A012): its state and how many wait before it."""
    row = session.scalars(select(HallTicket).where(
        col(HallTicket.day) == china_today(), col(HallTicket.number) == number.upper())).first()
    if row is None:
        raise NotFound(f"No ticket {number} today.")
    return _public(session, row)


def queues(*, session: Session, desk: Desk) -> list[WindowQueue]:
    """Every ticket-giving window's queue today: waiting count and numbers being called."""
    today = col(HallTicket.day) == china_today()
    waiting = dict(session.execute(
        select(col(HallTicket.window), func.count())
        .where(today, col(HallTicket.state) == "waiting")
        .group_by(col(HallTicket.window))).tuples().all())
    calling: dict[str, list[str]] = {}
    for window, number in session.execute(
            select(col(HallTicket.window), col(HallTicket.number))
            .where(today, col(HallTicket.state) == "called")
            .order_by(col(HallTicket.called_at).desc())).tuples():
        calling.setdefault(window, []).append(number)
    return [WindowQueue(window=code, letter=letter, waiting=waiting.get(code, 0),
                        calling=calling.get(code, [])[:SHOWN_CALLING])
            for code, letter in desk.windows.items()]


def call_next(*, session: Session, desk: Desk, principal: Principal, window: str) -> StaffTicket:
    """Call the window's earliest waiting ticket. A conditional update takes it, so two clerks
    calling at once never get the same one: the loser moves on to the next."""
    _own_window(desk, principal, window)
    for _ in range(CALL_TRIES):
        found = session.scalars(select(HallTicket).where(
            col(HallTicket.day) == china_today(), col(HallTicket.window) == window,
            col(HallTicket.state) == "waiting").order_by(col(HallTicket.sequence))
            .limit(1)).first()
        if found is None:
            raise Conflict("No ticket is waiting at this window.")
        taken = session.execute(
            update(HallTicket).where(col(HallTicket.id) == found.id,
                                     col(HallTicket.state) == "waiting")
            .values(state="called", called_at=now(), called_by=principal.sub)
            .execution_options(synchronize_session=False))
        if taken.rowcount == 1:  # type: ignore[attr-defined]  # a CursorResult
            session.refresh(found)
            _audit(session, principal, found, "called", before={"state": "waiting"})
            return _staff(session, desk, found)
        session.expire(found)
    raise Conflict("Other clerks are calling at the same time; please try again.")


def finish(*, session: Session, desk: Desk, principal: Principal, ticket_id: int,
           outcome: str) -> StaffTicket:
    """Mark a called ticket served, or no-show (the visitor did not come)."""
    row = session.get(HallTicket, ticket_id, with_for_update=True)
    if row is None or row.day != china_today():
        raise NotFound(f"No ticket {ticket_id} today.")
    _own_window(desk, principal, row.window)
    if row.state != "called":
        raise Conflict(f"Ticket {row.number} is {row.state}; only a called ticket can finish.")
    row.state, row.finished_at = outcome, now()
    session.flush()
    _audit(session, principal, row, outcome, before={"state": "called"})
    return _staff(session, desk, row)


def today(*, session: Session, desk: Desk, principal: Principal,
          window: str) -> list[StaffTicket]:
    """Today's tickets of the clerk's window, in the order they were taken."""
    _own_window(desk, principal, window)
    rows: Sequence[HallTicket] = session.scalars(select(HallTicket).where(
        col(HallTicket.day) == china_today(), col(HallTicket.window) == window)
        .order_by(col(HallTicket.sequence))).all()
    waiting_before, listed = 0, []
    for row in rows:  # the ones ahead counted on the way, not asked per ticket
        listed.append(_staff(session, desk, row, ahead=waiting_before))
        waiting_before += row.state == "waiting"
    return listed


def _own_window(desk: Desk, principal: Principal, window: str) -> None:
    if window not in desk.windows:
        raise NotFound(f"No window {window!r} gives tickets in this hall.")
    if principal.group != window:
        raise Forbidden("Only a clerk of this window calls its tickets.")


def _ahead(session: Session, row: HallTicket) -> int:
    if row.state != "waiting":
        return 0
    return int(session.scalar(select(func.count()).select_from(HallTicket).where(
        col(HallTicket.day) == row.day, col(HallTicket.window) == row.window,
        col(HallTicket.state) == "waiting", col(HallTicket.sequence) < row.sequence)) or 0)


def _public(session: Session, row: HallTicket, *, ahead: int | None = None) -> Ticket:
    if ahead is None or row.state != "waiting":
        ahead = _ahead(session, row)
    return Ticket(id=row.id or 0, number=row.number, window=row.window,
                  state=row.state,  # type: ignore[arg-type]  # the column holds the four states
                  ahead=ahead, taken_at=row.taken_at, called_at=row.called_at,
                  rated=row.state == "served" and _rated(session, row))


def visit_ref(row: HallTicket) -> str:
    """The rating's `subject_ref` of a visit: the ticket's day and number (2026-12-01/A012)."""
    return f"{row.day.isoformat()}/{row.number}"


def _rated(session: Session, row: HallTicket) -> bool:
    found = session.scalar(select(col(Rating.id)).where(
        col(Rating.subject_kind) == "visit", col(Rating.subject_ref) == visit_ref(row)))
    return found is not None


def _staff(session: Session, desk: Desk, row: HallTicket, *,
           ahead: int | None = None) -> StaffTicket:
    phone = desk.keys.unseal(row.phone_sealed).get("phone")
    return StaffTicket(**_public(session, row, ahead=ahead).model_dump(),
                       phone=mask(phone, head=3, tail=4),
                       called_by=row.called_by, finished_at=row.finished_at)


def _audit(session: Session, principal: Principal, row: HallTicket, action: str, *,
           before: dict[str, str] | None) -> None:
    audit_trail.record(session, audit, actor=principal.sub, action=f"hall_ticket.{action}",
                       entity="hall_ticket", entity_id=str(row.id),
                       before=before, after={"state": row.state, "number": row.number,
                                             "window": row.window})
