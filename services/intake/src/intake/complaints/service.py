"""Complaints (监督投诉): filed by anyone, followed by number and code, handled by the
supervisor the roster gives (the least loaded); flush only."""

import hmac
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import clock, numbers
from intake.complaints.schemas import ComplaintIn, ComplaintPublic, Filed, Step
from intake.identity import IdentityKeys
from intake.models import Application, MatterVersion, audit
from intake.models_feedback import Complaint, ComplaintCounter, ComplaintStep
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_date, china_today, now
from kit.errors import Conflict, Invalid, NotFound

ANSWER_WITHIN = 10  # working days
OPEN = ("filed", "accepted", "answered")


def file_complaint(*, session: Session, keys: IdentityKeys, zone: str,
                   roster: tuple[str, ...], principal: Principal,
                   complaint: ComplaintIn) -> Filed:
    """File a complaint, route it to the least-loaded supervisor of the roster; the number
    and query code to follow it."""
    signed_in = is_signed_in(principal)
    name = complaint.name or (principal.name if signed_in else None)
    if not signed_in and not (complaint.name and complaint.phone):
        raise Invalid("Without signing in, give your name and phone so the supervisor can "
                      "reach you.", errors=[{"loc": ["body", "phone"],
                                             "msg": "name and phone are needed"}])
    application_id, department = _subject(session, complaint)
    filed_at = now()
    row = Complaint(
        number=numbers.next_case_number(session=session, zone=f"{zone}-TS",
                                        day=china_date(filed_at), counter=ComplaintCounter),
        query_code=numbers.query_code(), subject_kind=complaint.subject_kind,
        subject_ref=complaint.subject_ref or None, application_id=application_id,
        department_code=department, complainant_sub=principal.sub if signed_in else None,
        complainant_name=name or "-",
        contact_sealed=keys.seal({"phone": complaint.phone}) if complaint.phone else None,
        content=complaint.content, state="filed", assigned_to=least_loaded(session, roster),
        filed_at=filed_at, due_date=clock.due_date(start=china_date(filed_at),
                                                   limit=ANSWER_WITHIN, unit="working_day"))
    session.add(row)
    session.flush()
    step(session, row, kind="filed", actor=principal.sub, public=True,
         after={"subject": row.subject_kind, "ref": row.subject_ref,
                "assigned_to": row.assigned_to, "due_date": row.due_date.isoformat()})
    return Filed(number=row.number, query_code=row.query_code, state=row.state,
                 due_date=row.due_date)


def is_signed_in(principal: Principal) -> bool:
    """Whether the caller signed in (the gateway's anonymous visitor holds `public` only)."""
    return principal.sub != "anonymous" and set(principal.roles) != {"public"}


def _subject(session: Session, complaint: ComplaintIn) -> tuple[int | None, str | None]:
    """The case and department a complaint is about, checked; 422 for an unknown one."""
    ref, kind = complaint.subject_ref, complaint.subject_kind
    if kind == "hall":
        return None, None
    if not ref:
        raise _unknown("Say which case, matter or department the complaint is about.")
    if kind == "case":
        found = session.execute(select(col(Application.id), col(Application.department_code))
                                .where(col(Application.case_number) == ref)).first()
        if found is None:
            raise _unknown(f"No case numbered {ref}.")
        return found[0], found[1]
    column = (col(MatterVersion.implementation_code) if kind == "matter"
              else col(MatterVersion.department_code))
    department = session.execute(select(col(MatterVersion.department_code))
                                 .where(column == ref).limit(1)).scalar_one_or_none()
    if department is None:
        raise _unknown(f"No {kind} {ref} is known here.")
    return None, department


def _unknown(detail: str) -> Invalid:
    return Invalid(detail, errors=[{"loc": ["body", "subject_ref"], "msg": detail}])


def least_loaded(session: Session, roster: tuple[str, ...]) -> str | None:
    """The roster's supervisor with the fewest open complaints (the first in the roster on a
    tie); None when the roster is empty."""
    if not roster:
        return None
    load = dict(session.execute(
        select(col(Complaint.assigned_to), func.count())
        .where(col(Complaint.state).in_(OPEN), col(Complaint.assigned_to).in_(roster))
        .group_by(col(Complaint.assigned_to))).tuples().all())
    return min(roster, key=lambda sub: (load.get(sub, 0), roster.index(sub)))


def by_code(*, session: Session, number: str, code: str, for_update: bool = False) -> Complaint:
    """The complaint a number and its query code name (compared in constant time); 404 for a
    wrong pair, whichever part is wrong."""
    query = select(Complaint).where(col(Complaint.number) == number)
    if for_update:
        query = query.with_for_update()
    row = session.execute(query).scalar_one_or_none()
    expected = row.query_code if row is not None else "-" * numbers.QUERY_LENGTH
    if not hmac.compare_digest(expected.encode(), code.strip().upper().encode()) or row is None:
        raise NotFound("No complaint with this number and query code.")
    return row


def public_view(*, session: Session, principal: Principal, number: str,
                code: str) -> ComplaintPublic:
    """A complaint as its complainant follows it: state, answer, public timeline."""
    row = by_code(session=session, number=number, code=code)
    audit_trail.record(session, audit, actor=principal.sub, action="complaint.read",
                       entity="complaint", entity_id=str(row.id), after={"by": "query_code"})
    return ComplaintPublic(**public_fields(session, row, notes=False))


def public_fields(session: Session, row: Complaint, *, notes: bool) -> dict[str, Any]:
    """What the complainant may see of a complaint (the notes' text only when `notes`)."""
    steps = session.execute(select(ComplaintStep).where(
        col(ComplaintStep.complaint_id) == row.id).order_by(col(ComplaintStep.id))).scalars()
    timeline = [Step(kind=s.kind, at=s.at, text=s.text if (s.public or notes) else None)
                for s in steps]
    return {"number": row.number, "subject_kind": row.subject_kind,
            "subject_ref": row.subject_ref, "state": row.state, "filed_at": row.filed_at,
            "due_date": row.due_date, "overdue": overdue(row), "answer": row.answer,
            "answered_at": row.answered_at, "closed_at": row.closed_at, "score": row.score,
            "timeline": timeline}


def overdue(row: Complaint) -> bool:
    """Answered after its due date, or still unanswered past it."""
    ended = china_date(row.answered_at) if row.answered_at else china_today()
    return ended > row.due_date


def rate_answer(*, session: Session, principal: Principal, number: str, code: str,
                score: int) -> ComplaintPublic:
    """The complainant's rating of the answer (1–5), once, after the answer."""
    row = by_code(session=session, number=number, code=code, for_update=True)
    if row.answered_at is None:
        raise Conflict("The complaint has no answer yet to rate.")
    if row.score is not None:
        raise Conflict("The answer has been rated already.")
    row.score, row.rated_at = score, now()
    step(session, row, kind="rated", actor=principal.sub, public=True, text=None,
         after={"score": score})
    return ComplaintPublic(**public_fields(session, row, notes=False))


def step(session: Session, row: Complaint, *, kind: str, actor: str, public: bool,
         text: str | None = None, after: dict[str, Any] | None = None,
         before: dict[str, Any] | None = None, at: datetime | None = None) -> None:
    """One step of the complaint's timeline, and its audit entry."""
    session.add(ComplaintStep(complaint_id=row.id or 0, kind=kind, public=public, text=text,
                              at=at or now(), actor=actor))
    session.flush()
    audit_trail.record(session, audit, actor=actor, action=f"complaint.{kind}",
                       entity="complaint", entity_id=str(row.id), before=before,
                       after={"state": row.state, **(after or {})})
