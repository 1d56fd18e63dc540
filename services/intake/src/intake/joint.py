"""Joint handling (并联审批) on intake's side: an accepted application of a matter with
co-handling departments opens a sign-off in review (event `application.joint_opened`), each
department's answer comes back (`signoff.answered`, `signoff.overdue`), and the lead
department decides only when every department has answered or let its deadline pass.

Each department's deadline is its days (the standard's `co_handling_departments[].limit`,
in the matter's unit) from the day of acceptance, never later than the committed deadline."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import clock, holidays, repository
from intake.joint_schemas import JointDepartmentOut, JointState, SignOffAnswered, SignOffOverdue
from intake.models import Application, MatterVersion, audit, outbox
from intake.models_joint import JointDepartment
from kit import audit as audit_trail
from kit.clock import china_date, china_today, now
from kit.errors import Conflict
from kit.outbox import emit

REVIEW = "service:review"
# Who reads a department's conditions or reasons: those who handle the case.
HANDLERS = ("clerk", "approver")


def co_handling(version: MatterVersion) -> list[dict[str, Any]]:
    """The co-handling departments the pinned standard names (none in older standards)."""
    rows = version.document.get("co_handling_departments") or []
    return [r for r in rows if isinstance(r, dict) and r.get("code")]


def open_sign_off(*, session: Session, application: Application, actor: str) -> None:
    """On acceptance: one row per co-handling department with its deadline, and the event
    that has review open the sign-off. Nothing for a matter handled by one department."""
    version = repository.pinned_version(session=session, application=application)
    departments = co_handling(version)
    if not departments or _rows(session, application.id or 0):
        return
    start = china_date(application.accepted_at or now())
    rows = [JointDepartment(
        application_id=application.id or 0, department_code=d["code"],
        department_name=str(d.get("name") or d["code"]), step=d.get("step"),
        deadline=_deadline(session, application, version, start, d.get("limit")),
        opened_at=now()) for d in departments]
    session.add_all(rows)
    session.flush()
    shown = [_payload_row(r) for r in rows]
    audit_trail.record(session, audit, actor=actor, action="application.joint_opened",
                       entity="application", entity_id=str(application.id),
                       after={"departments": shown})
    emit(session, outbox, event_type="application.joint_opened", destinations=["review"],
         payload={"application_id": application.id, "case_number": application.case_number,
                  "implementation_code": application.implementation_code,
                  "version": application.version, "matter_name": version.name,
                  "lead_department": {"code": version.department_code,
                                      "name": version.department_name},
                  "accepted_on": start.isoformat(),
                  "due_date": application.due_date.isoformat() if application.due_date
                  else None, "departments": shown})


def _deadline(session: Session, application: Application, version: MatterVersion,
              start: date, days: Any) -> date:
    """Its days from acceptance in the matter's unit, capped at the committed deadline."""
    limit = days if isinstance(days, int) and days >= 0 else version.committed_limit
    committed = application.due_date
    try:
        own = clock.due_date(start=start, limit=limit, unit=version.limit_unit,
                             calendar=holidays.calendar(session=session))
    except clock.MissingYear:  # no holiday table: never later than calendar days allow
        own = start + timedelta(days=limit)
    return min(own, committed) if committed is not None else own


def _payload_row(row: JointDepartment) -> dict[str, Any]:
    return {"code": row.department_code, "name": row.department_name, "step": row.step,
            "deadline": row.deadline.isoformat() if row.deadline else None}


def _rows(session: Session, application_id: int) -> list[JointDepartment]:
    return list(session.scalars(select(JointDepartment).where(
        col(JointDepartment.application_id) == application_id)
        .order_by(col(JointDepartment.id))))


def _row(session: Session, application_id: int, code: str) -> JointDepartment | None:
    return session.scalars(select(JointDepartment).where(
        col(JointDepartment.application_id) == application_id,
        col(JointDepartment.department_code) == code)).first()


def on_answered(*, session: Session, event: SignOffAnswered) -> None:
    """`signoff.answered`: keep the department's answer (an unknown case is ignored)."""
    row = _row(session, event.application_id, event.department_code)
    if row is None or row.answer is not None:
        return
    row.answer, row.remark = event.answer, event.remark
    row.answered_by, row.answered_at = event.answered_by, event.answered_at
    session.flush()
    audit_trail.record(session, audit, actor=REVIEW, action="application.joint_answered",
                       entity="application", entity_id=str(event.application_id),
                       after={"department": row.department_code, "answer": row.answer,
                              "complete": event.complete})


def on_overdue(*, session: Session, event: SignOffOverdue) -> None:
    """`signoff.overdue`: the department let its deadline pass; flag it, never agree."""
    row = _row(session, event.application_id, event.department_code)
    if row is None or row.answer is not None or row.escalated_at is not None:
        return
    row.escalated_at = event.escalated_at
    session.flush()
    audit_trail.record(session, audit, actor=REVIEW, action="application.joint_overdue",
                       entity="application", entity_id=str(event.application_id),
                       after={"department": row.department_code,
                              "deadline": event.deadline.isoformat()})


def state_of(row: JointDepartment, today: date) -> JointState:
    """Its answer; overdue once its deadline passed (or review flagged it); else pending."""
    if row.answer is not None:
        return row.answer  # type: ignore[return-value]  # stored from the Answer literal
    late = row.escalated_at is not None or (row.deadline is not None and today > row.deadline)
    return "overdue" if late else "pending"


def check_ready(*, session: Session, application: Application) -> None:
    """Refuse (409) the lead's decision while a department has neither answered nor let its
    deadline pass."""
    today = china_today()
    waiting = [r for r in _rows(session, application.id or 0) if state_of(r, today) == "pending"]
    if waiting:
        names = "、".join(f"{r.department_name}（{r.deadline}）" for r in waiting)
        raise Conflict(f"Joint sign-off (并联审批) is not complete: waiting for {names}. The "
                       "lead department decides once every co-handling department has "
                       "answered or its deadline has passed.")


def shown(*, session: Session, application_ids: list[int], full: bool
          ) -> dict[int, list[JointDepartmentOut]]:
    """Each application's co-handling departments in one query; the conditions and reasons
    only when `full` (those who handle the case)."""
    if not application_ids:
        return {}
    today = china_today()
    found: dict[int, list[JointDepartmentOut]] = {}
    rows = session.scalars(select(JointDepartment).where(
        col(JointDepartment.application_id).in_(application_ids))
        .order_by(col(JointDepartment.id)))
    for row in rows:
        found.setdefault(row.application_id, []).append(JointDepartmentOut(
            department_code=row.department_code, department_name=row.department_name,
            step=row.step, deadline=row.deadline, state=state_of(row, today),
            remark=row.remark if full else None, answered_at=row.answered_at,
            escalated=row.escalated_at is not None))
    return found
