"""Rating a hall visit (a served walk-in ticket) once, by whoever holds its number and code;
the aggregates per window. A 差评 on a visit opens no rectification (no department answers
for the hall): it shows as the window's share of 差评 in the summary."""

import hmac
from collections import defaultdict
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake.hall.service import visit_ref
from intake.models import audit
from intake.models_feedback import Rating
from intake.models_hall import HallTicket
from intake.ratings.schemas import RatingIn, RatingOut, RatingSummary
from intake.ratings.service import summarised
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_today, now
from kit.errors import Conflict, Forbidden, NotFound

VISIT = "visit"
# Who may rate a visit: whoever holds the ticket, signed out or in; never the hall's staff.
VISITORS = ("public", "applicant", "butler")
RATE_WITHIN_DAYS = 7  # a visit may be rated up to a week after the ticket's day
WRONG_PAIR = "No ticket with this number and code."
_NO_CODE = "-" * 6


def rate_visit(*, session: Session, principal: Principal, number: str, code: str,
               rating: RatingIn) -> RatingOut:
    """The one rating of a served ticket by whoever holds its number and code; 404 for a
    wrong pair, 409 before the ticket is served and the second time; 403 for the hall's
    staff (any role besides a visitor's), who do not rate their own service."""
    if any(role not in VISITORS for role in principal.roles):
        raise Forbidden("The hall's staff do not rate visits.")
    row = _held(session, number, code)
    if row.state != "served":
        raise Conflict(f"Ticket {row.number} is {row.state}; the visit can be rated once "
                       "the window has served it.")
    ref = visit_ref(row)
    if session.scalar(select(col(Rating.id)).where(
            col(Rating.subject_kind) == VISIT, col(Rating.subject_ref) == ref)) is not None:
        raise Conflict(f"The visit with ticket {row.number} has been rated already.")
    saved = Rating(subject_kind=VISIT, subject_ref=ref, window=row.window, rater=principal.sub,
                   score=rating.score, tags=list(rating.tags),
                   comment=rating.comment or None, rated_at=now())
    try:
        with session.begin_nested():
            session.add(saved)
            session.flush()
    except IntegrityError as exc:  # a second rating racing the first
        raise Conflict(f"The visit with ticket {row.number} has been rated already.") from exc
    audit_trail.record(session, audit, actor=principal.sub, action="rating.created",
                       entity="rating", entity_id=str(saved.id),
                       after={"visit": ref, "window": row.window, "score": saved.score,
                              "tags": saved.tags})
    return RatingOut(id=saved.id or 0, subject_kind=VISIT, application_id=None,
                     score=saved.score, tags=saved.tags, comment=saved.comment,
                     rated_at=saved.rated_at)


def _held(session: Session, number: str, code: str) -> HallTicket:
    """The recent ticket with this number whose code is `code` (compared in constant time,
    every candidate compared), or the same 404 for every wrong pair."""
    since = china_today() - timedelta(days=RATE_WITHIN_DAYS)
    rows = session.scalars(select(HallTicket).where(
        col(HallTicket.number) == number.strip().upper(), col(HallTicket.day) >= since)
        .order_by(col(HallTicket.day).desc())).all()
    given = code.strip().upper().encode()
    if not rows:  # the same work for a number no ticket has
        hmac.compare_digest(given, _NO_CODE.encode())
    found = None
    for row in rows:
        if hmac.compare_digest(given, (row.rating_code or _NO_CODE).encode()) and found is None:
            found = row
    if found is None:
        raise NotFound(WRONG_PAIR)
    return found


def by_window(session: Session) -> list[RatingSummary]:
    """Visit ratings per window (count, average, share of 差评, tags), the lowest first."""
    groups: dict[str, list[Rating]] = defaultdict(list)
    for rating in session.execute(select(Rating).where(
            col(Rating.subject_kind) == VISIT)).scalars():
        groups[rating.window or "-"].append(rating)
    return sorted((summarised(key, key, rows) for key, rows in groups.items()),
                  key=lambda s: (s.average, -s.count, s.key))
