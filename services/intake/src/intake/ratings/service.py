"""Rating a closed case once, the rectification a 差评 opens, and the aggregates; flush only."""

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import clock, repository
from intake.models import Application, audit, outbox
from intake.models_feedback import Rating, Rectification
from intake.ratings.schemas import (
    BAD,
    CLOSED,
    RatingIn,
    RatingOut,
    RatingSummary,
    RectificationOut,
)
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_date, china_today, now
from kit.errors import Conflict, Forbidden, NotFound
from kit.outbox import emit

RECTIFY_WITHIN = 15  # working days
CASE = "case"


def rate_case(*, session: Session, principal: Principal, application_id: int,
              rating: RatingIn) -> RatingOut:
    """The applicant's one rating of their closed case; a 差评 opens a rectification."""
    application = repository.visible_application(session=session, principal=principal,
                                                 application_id=application_id,
                                                 for_update=True)
    if application.state not in CLOSED:
        raise Conflict(f"Application {application_id} is {application.state}; it can be "
                       f"rated once it is closed ({', '.join(CLOSED)}).")
    if _rating_of(session, application_id) is not None:
        raise Conflict(f"Application {application_id} has been rated already.")
    version = repository.pinned_version(session=session, application=application)
    row = Rating(subject_kind=CASE, subject_ref=str(application_id),
                 application_id=application_id, implementation_code=version.implementation_code,
                 matter_name=version.name, department_code=version.department_code,
                 department_name=version.department_name, rater=principal.sub,
                 score=rating.score, tags=list(rating.tags), comment=rating.comment or None,
                 rated_at=now())
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError as exc:  # a second rating racing the first
        raise Conflict(f"Application {application_id} has been rated already.") from exc
    _audit(session, principal, "rating.created", "rating", row.id,
           {"application": application_id, "score": row.score, "tags": row.tags})
    emit(session, outbox, event_type="application.rated", destinations=["publish"],
         payload=rated_payload(row))
    if row.score <= BAD:
        _open_rectification(session, principal, row)
    return rating_of(session=session, principal=principal, application_id=application_id)


def rated_payload(row: Rating) -> dict[str, Any]:
    """What publish keeps of a case's rating: the matter, the department, the score, the day."""
    return {"rating_id": row.id, "implementation_code": row.implementation_code,
            "matter_name": row.matter_name,
            "department": {"code": row.department_code, "name": row.department_name},
            "score": row.score, "rated_on": china_date(row.rated_at).isoformat()}


def _open_rectification(session: Session, principal: Principal, rating: Rating) -> None:
    opened = now()
    due = clock.due_date(start=china_date(opened), limit=RECTIFY_WITHIN, unit="working_day")
    row = Rectification(rating_id=rating.id or 0, application_id=rating.application_id,
                        department_code=rating.department_code, state="open",
                        opened_at=opened, due_date=due)
    session.add(row)
    session.flush()
    _audit(session, principal, "rectification.opened", "rectification", row.id,
           {"rating": rating.id, "department": row.department_code,
            "due_date": due.isoformat()})


def rating_of(*, session: Session, principal: Principal, application_id: int) -> RatingOut:
    """The rating of a case the principal may see, with its rectification; 404 when none."""
    repository.visible_application(session=session, principal=principal,
                                   application_id=application_id, whole=False)
    rating = _rating_of(session, application_id)
    if rating is None:
        raise NotFound(f"Application {application_id} has not been rated.")
    found = session.execute(select(Rectification).where(
        col(Rectification.rating_id) == rating.id)).scalar_one_or_none()
    return RatingOut(id=rating.id or 0, subject_kind=rating.subject_kind,
                     application_id=rating.application_id, score=rating.score,
                     tags=rating.tags, comment=rating.comment, rated_at=rating.rated_at,
                     rectification=None if found is None else _out(session, found, rating))


def _rating_of(session: Session, application_id: int) -> Rating | None:
    return session.execute(select(Rating).where(
        col(Rating.subject_kind) == CASE,
        col(Rating.subject_ref) == str(application_id))).scalar_one_or_none()


def rectifications(*, session: Session, principal: Principal,
                   state: str | None) -> list[RectificationOut]:
    """The rectifications the principal may see (a department's own; supervisors all), open
    first, the earliest due first."""
    query = select(Rectification, Rating).join(
        Rating, col(Rating.id) == col(Rectification.rating_id)).where(_visible(principal))
    if state is not None:
        query = query.where(col(Rectification.state) == state)
    rows = session.execute(query.order_by(col(Rectification.state).desc(),
                                          col(Rectification.due_date),
                                          col(Rectification.id))).all()
    numbers = _case_numbers(session, [r.application_id for r, _ in rows if r.application_id])
    return [_out(session, r, g, numbers) for r, g in rows]


def rectification(*, session: Session, principal: Principal, rectification_id: int,
                  for_update: bool = False) -> tuple[Rectification, Rating]:
    """One rectification the principal may see, and its rating; 404 otherwise."""
    query = select(Rectification, Rating).join(
        Rating, col(Rating.id) == col(Rectification.rating_id)).where(
        col(Rectification.id) == rectification_id, _visible(principal))
    if for_update:
        query = query.with_for_update()
    row = session.execute(query).first()
    if row is None:
        raise NotFound(f"No rectification {rectification_id}.")
    return row[0], row[1]


def rectification_out(*, session: Session, principal: Principal,
                      rectification_id: int) -> RectificationOut:
    """One rectification as a response."""
    row, rating = rectification(session=session, principal=principal,
                                rectification_id=rectification_id)
    return _out(session, row, rating)


def _visible(principal: Principal) -> Any:
    if principal.has("supervisor"):
        return col(Rectification.id).is_not(None)
    return col(Rectification.department_code) == (principal.department or "-")


def record_callback(*, session: Session, principal: Principal, rectification_id: int,
                    called_at: Any, note: str) -> RectificationOut:
    """The department's call-back (回访) to the applicant: when, by whom, what they said."""
    row, rating = _own_open(session, principal, rectification_id)
    before = _snapshot(row)
    row.callback_at, row.callback_by, row.callback_note = called_at, principal.sub, note
    session.flush()
    _audit(session, principal, "rectification.callback", "rectification", row.id,
           _snapshot(row), before)
    return _out(session, row, rating)


def close(*, session: Session, principal: Principal, rectification_id: int,
          outcome: str) -> RectificationOut:
    """The outcome (整改结果), which closes the rectification; the call-back comes first."""
    row, rating = _own_open(session, principal, rectification_id)
    if row.callback_at is None:
        raise Conflict("Record the call-back to the applicant (回访) before closing.")
    before = _snapshot(row)
    row.outcome, row.state, row.closed_at, row.closed_by = outcome, "closed", now(), principal.sub
    session.flush()
    _audit(session, principal, "rectification.closed", "rectification", row.id,
           _snapshot(row), before)
    return _out(session, row, rating)


def _own_open(session: Session, principal: Principal,
              rectification_id: int) -> tuple[Rectification, Rating]:
    row, rating = rectification(session=session, principal=principal,
                                rectification_id=rectification_id, for_update=True)
    if principal.department != row.department_code:
        raise Forbidden("Only the department's staff may answer its rectification.")
    if row.state != "open":
        raise Conflict(f"Rectification {rectification_id} is closed already.")
    return row, rating


def late(row: Rectification, today: date | None = None) -> bool:
    """Past its due date: still open after it, or closed after it."""
    ended = china_date(row.closed_at) if row.closed_at else (today or china_today())
    return ended > row.due_date


def _case_numbers(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(col(Application.id), col(Application.case_number))
                           .where(col(Application.id).in_(ids))).tuples()
    return {application_id or 0: number for application_id, number in rows}


def _out(session: Session, row: Rectification, rating: Rating,
         numbers: dict[int, str] | None = None) -> RectificationOut:
    if numbers is None:
        numbers = _case_numbers(session, [row.application_id] if row.application_id else [])
    return RectificationOut(
        id=row.id or 0, rating_id=row.rating_id, application_id=row.application_id,
        case_number=numbers.get(row.application_id or 0), matter_name=rating.matter_name,
        department_code=row.department_code, department_name=rating.department_name,
        score=rating.score, tags=rating.tags, comment=rating.comment, state=row.state,
        opened_at=row.opened_at, due_date=row.due_date, late=late(row),
        callback_at=row.callback_at, callback_by=row.callback_by,
        callback_note=row.callback_note, outcome=row.outcome, closed_at=row.closed_at,
        closed_by=row.closed_by)


def summary(*, session: Session, principal: Principal, by: str) -> list[RatingSummary]:
    """Case ratings per matter or per department (count, average, share of 差评, tags); an
    approver sees their own department's only."""
    query = select(Rating).where(col(Rating.subject_kind) == CASE)
    if not principal.has("supervisor", "lead"):
        query = query.where(col(Rating.department_code) == (principal.department or "-"))
    groups: dict[tuple[str, str], list[Rating]] = defaultdict(list)
    for rating in session.execute(query).scalars():
        key = (rating.implementation_code if by == "matter" else rating.department_code) or "-"
        name = (rating.matter_name if by == "matter" else rating.department_name) or key
        groups[(key, name)].append(rating)
    return sorted((summarised(key, name, rows) for (key, name), rows in groups.items()),
                  key=lambda s: (s.average, -s.count, s.key))


def summarised(key: str, name: str, rows: list[Rating]) -> RatingSummary:
    """One group's count, average, share of 差评 and tags."""
    count = len(rows)
    tags = Counter(tag for r in rows for tag in r.tags)
    return RatingSummary(key=key, name=name, count=count,
                         average=round(sum(r.score for r in rows) / count, 2),
                         bad_share=round(sum(r.score <= BAD for r in rows) / count, 3),
                         tags=dict(tags.most_common()))


def _snapshot(row: Rectification) -> dict[str, Any]:
    called = row.callback_at.isoformat() if row.callback_at else None
    return {"state": row.state, "callback_at": called, "callback_by": row.callback_by,
            "callback_note": row.callback_note, "outcome": row.outcome}


def _audit(session: Session, principal: Principal, action: str, entity: str,
           entity_id: int | None, after: dict[str, Any],
           before: dict[str, Any] | None = None) -> None:
    audit_trail.record(session, audit, actor=principal.sub, action=action, entity=entity,
                       entity_id=str(entity_id), before=before, after=after)
