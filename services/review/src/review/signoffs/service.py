"""Joint sign-off (并联审批): opened when intake accepts an application of a jointly handled
matter; each co-handling department's approver answers, seeing the others' answers; an answer
or a deadline let pass goes back to intake, where the lead department decides.

Functions only flush: the session of the request (or of the event delivery) commits once."""

from datetime import date
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_today, now
from kit.errors import Conflict, Forbidden, NotFound
from kit.outbox import emit
from review.models import audit, outbox
from review.signoffs.models import SignOff, SignOffDepartment
from review.signoffs.schemas import (
    AnswerIn,
    DepartmentState,
    JointOpened,
    SignOffDepartmentPublic,
    SignOffPublic,
    SignOffState,
)

TO_INTAKE = ["intake"]
INTAKE = "service:intake"
SYSTEM = "system"
SEES_EVERY_SIGN_OFF = ("supervisor",)


def on_joint_opened(*, session: Session, event: JointOpened) -> None:
    """`application.joint_opened`: open the sign-off, one part per co-handling department
    (a sign-off already open for the application is left as it is)."""
    if session.scalars(select(SignOff).where(
            col(SignOff.application_id) == event.application_id)).first() is not None:
        return
    sign_off = SignOff(
        application_id=event.application_id, case_number=event.case_number,
        implementation_code=event.implementation_code, version=event.version,
        matter_name=event.matter_name, lead_code=event.lead_department.code,
        lead_name=event.lead_department.name, accepted_on=event.accepted_on,
        due_date=event.due_date, opened_at=now())
    session.add(sign_off)
    session.flush()
    session.add_all([SignOffDepartment(
        sign_off_id=sign_off.id or 0, department_code=d.code, department_name=d.name,
        step=d.step, deadline=d.deadline) for d in event.departments])
    session.flush()
    audit_trail.record(session, audit, actor=INTAKE, action="signoff.opened",
                       entity="sign_off", entity_id=str(sign_off.id),
                       after={"application": event.application_id,
                              "departments": [d.code for d in event.departments]})


def _visible(principal: Principal) -> Any:
    """Sign-offs the caller may see: every one for supervisors; an approver those their
    department leads or co-handles."""
    if principal.has(*SEES_EVERY_SIGN_OFF):
        return True
    department = principal.department or "-"
    return or_(col(SignOff.lead_code) == department, exists().where(
        col(SignOffDepartment.sign_off_id) == col(SignOff.id),
        col(SignOffDepartment.department_code) == department))


def list_sign_offs(*, session: Session, principal: Principal,
                   state: SignOffState | None) -> list[SignOffPublic]:
    """The sign-offs the caller may see, the open ones first, newest first."""
    query = select(SignOff).where(_visible(principal))
    if state is not None:
        query = query.where(col(SignOff.state) == state)
    rows = list(session.scalars(query.order_by(col(SignOff.state).desc(),
                                               col(SignOff.id).desc())))
    parts = _parts(session, [r.id or 0 for r in rows])
    today = china_today()
    return [_public(r, parts.get(r.id or 0, []), today) for r in rows]


def get_sign_off(*, session: Session, principal: Principal, sign_off_id: int) -> SignOffPublic:
    """One sign-off the caller may see, with every department's part (else 404)."""
    sign_off = _find(session, principal, sign_off_id)
    return _public(sign_off, _parts(session, [sign_off_id]).get(sign_off_id, []),
                   china_today())


def _find(session: Session, principal: Principal, sign_off_id: int,
          for_update: bool = False) -> SignOff:
    query = select(SignOff).where(col(SignOff.id) == sign_off_id, _visible(principal))
    found = session.scalars(query.with_for_update() if for_update else query).first()
    if found is None:
        raise NotFound(f"No sign-off {sign_off_id}.")
    return found


def _parts(session: Session, ids: list[int]) -> dict[int, list[SignOffDepartment]]:
    found: dict[int, list[SignOffDepartment]] = {}
    for part in session.scalars(select(SignOffDepartment).where(
            col(SignOffDepartment.sign_off_id).in_(ids)).order_by(col(SignOffDepartment.id))):
        found.setdefault(part.sign_off_id, []).append(part)
    return found


def state_of(part: SignOffDepartment, today: date) -> DepartmentState:
    """Its answer; overdue once its deadline passed unanswered; else pending."""
    if part.answer is not None:
        return part.answer  # type: ignore[return-value]  # stored from the Answer literal
    late = part.escalated_at is not None or (part.deadline is not None and today > part.deadline)
    return "overdue" if late else "pending"


def _public(sign_off: SignOff, parts: list[SignOffDepartment], today: date) -> SignOffPublic:
    shown = [SignOffDepartmentPublic(
        department_code=p.department_code, department_name=p.department_name, step=p.step,
        deadline=p.deadline, state=state_of(p, today), remark=p.remark,
        answered_by_name=p.answered_by_name, answered_at=p.answered_at, late=p.late,
        escalated=p.escalated_at is not None) for p in parts]
    return SignOffPublic(
        id=sign_off.id or 0, application_id=sign_off.application_id,
        case_number=sign_off.case_number, implementation_code=sign_off.implementation_code,
        version=sign_off.version, matter_name=sign_off.matter_name, lead_code=sign_off.lead_code,
        lead_name=sign_off.lead_name, accepted_on=sign_off.accepted_on,
        due_date=sign_off.due_date, state=sign_off.state,  # type: ignore[arg-type]
        opened_at=sign_off.opened_at, completed_at=sign_off.completed_at,
        overdue=any(d.state == "overdue" for d in shown), departments=shown)


def answer(*, session: Session, principal: Principal, sign_off_id: int,
           given: AnswerIn) -> SignOffPublic:
    """The caller's department answers its part once; intake learns it, and when the last
    part is answered the sign-off is complete."""
    sign_off = _find(session, principal, sign_off_id, for_update=True)
    parts = _parts(session, [sign_off_id]).get(sign_off_id, [])
    part = next((p for p in parts if p.department_code == principal.department), None)
    if part is None:
        raise Forbidden("Only a co-handling department of this sign-off answers it; the lead "
                        "department decides on the application itself.")
    if part.answer is not None:
        raise Conflict(f"{part.department_name} already answered this sign-off "
                       f"({part.answer}).")
    at, today = now(), china_today()
    part.answer, part.remark = given.answer, given.remark or None
    part.answered_by, part.answered_by_name = principal.sub, principal.name or principal.sub
    part.answered_at, part.late = at, part.deadline is not None and today > part.deadline
    complete = all(p.answer is not None for p in parts)
    if complete:
        sign_off.state, sign_off.completed_at = "complete", at
    session.flush()
    audit_trail.record(session, audit, actor=principal.sub, action="signoff.answered",
                       entity="sign_off", entity_id=str(sign_off_id),
                       after={"department": part.department_code, "answer": part.answer,
                              "remark": part.remark, "late": part.late,
                              "complete": complete})
    emit(session, outbox, event_type="signoff.answered", destinations=TO_INTAKE, payload={
        "application_id": sign_off.application_id, "department_code": part.department_code,
        "answer": part.answer, "remark": part.remark, "answered_by": part.answered_by_name,
        "answered_at": at.isoformat(), "complete": complete})
    return _public(sign_off, parts, today)


def escalate_overdue(*, session: Session, today: date) -> list[tuple[int, str]]:
    """Flag each unanswered part whose deadline passed before `today` as overdue, to the lead
    department (intake) and supervisors — never as agreement; returns (sign-off, department)
    of the parts flagged. Rows are locked, skipping those another replica holds."""
    late = session.scalars(select(SignOffDepartment).where(
        col(SignOffDepartment.answer).is_(None), col(SignOffDepartment.escalated_at).is_(None),
        col(SignOffDepartment.deadline) < today).order_by(col(SignOffDepartment.id))
        .with_for_update(skip_locked=True)).all()
    flagged = []
    for part in late:
        sign_off = session.get(SignOff, part.sign_off_id)
        if sign_off is None:
            continue
        part.escalated_at = now()
        session.flush()
        audit_trail.record(session, audit, actor=SYSTEM, action="signoff.overdue",
                           entity="sign_off", entity_id=str(sign_off.id),
                           after={"department": part.department_code,
                                  "deadline": str(part.deadline)})
        emit(session, outbox, event_type="signoff.overdue", destinations=TO_INTAKE, payload={
            "application_id": sign_off.application_id, "department_code": part.department_code,
            "deadline": str(part.deadline), "escalated_at": part.escalated_at.isoformat()})
        flagged.append((sign_off.id or 0, part.department_code))
    return flagged
