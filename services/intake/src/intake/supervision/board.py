"""What supervisors and department heads read: the running cases with their colours, the
warnings, one case's warnings. Supervisors see every department, a department's approver
(its head) only their own; metadata only."""

from datetime import date

from sqlalchemy import ColumnElement, and_, false, true
from sqlalchemy.orm import Session
from sqlmodel import col, func, select

from intake import ledger
from intake.models import Application, MatterVersion
from intake.models_supervision import CaseWarning
from intake.supervision.colours import colour
from intake.supervision.schemas import (
    CaseWarnings,
    ListedWarning,
    SupervisedCase,
    WarningOut,
)
from kit.auth import Principal
from kit.errors import NotFound

PINNED = and_(col(MatterVersion.implementation_code) == col(Application.implementation_code),
              col(MatterVersion.version) == col(Application.version))


def scope(principal: Principal) -> ColumnElement[bool]:
    """The departments' cases the principal oversees, as a WHERE clause."""
    if principal.has("supervisor"):
        return true()
    if principal.has("approver") and principal.department:
        return col(Application.department_code) == principal.department
    return false()


def running(*, session: Session, principal: Principal, today: date, share: float,
            colours: set[str], department: str | None) -> list[SupervisedCase]:
    """The running cases of the given colours, the most overdue (earliest due) first."""
    query = (select(Application, MatterVersion).join(MatterVersion, PINNED)
             .where(scope(principal), col(Application.state) == "accepted"))
    if department:
        query = query.where(col(Application.department_code) == department)
    rows = session.execute(query.order_by(col(Application.due_date), col(Application.id))).all()
    counts = _open_counts(session, [a.id or 0 for a, _ in rows])
    cases = [_case(session, a, v, today, share, counts.get(a.id or 0, 0)) for a, v in rows]
    return [c for c in cases if (c.colour or "green") in colours]


def _open_counts(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    found = session.execute(select(col(CaseWarning.application_id), func.count()).where(
        col(CaseWarning.application_id).in_(ids), col(CaseWarning.resolution).is_(None))
        .group_by(col(CaseWarning.application_id))).all()
    return {int(a): int(n) for a, n in found}


def _case(session: Session, application: Application, version: MatterVersion, today: date,
          share: float, open_warnings: int) -> SupervisedCase:
    running_now = application.state == "accepted"
    found = ledger.reading(session=session, application=application, version=version,
                           today=today) if running_now else ledger.Reading()
    return SupervisedCase(
        application_id=application.id or 0, case_number=application.case_number,
        implementation_code=application.implementation_code, matter_name=version.name,
        department_code=version.department_code, department_name=version.department_name,
        window=version.window, state=application.state, accepted_at=application.accepted_at,
        due_date=application.due_date, days_used=found.days_used,
        limit=found.limit or version.committed_limit, unit=version.limit_unit,
        paused=found.paused, colour=colour(found, today=today, share=share) if running_now
        else None, open_warnings=open_warnings)


def warnings(*, session: Session, principal: Principal, state: str, level: str | None,
             department: str | None, limit: int = 500) -> list[ListedWarning]:
    """Warnings, open or resolved or all, newest first."""
    query = (select(CaseWarning, Application, MatterVersion)
             .join(Application, col(Application.id) == col(CaseWarning.application_id))
             .join(MatterVersion, PINNED).where(scope(principal)))
    if state != "all":
        resolved = col(CaseWarning.resolution)
        query = query.where(resolved.is_(None) if state == "open" else resolved.is_not(None))
    if level:
        query = query.where(col(CaseWarning.level) == level)
    if department:
        query = query.where(col(CaseWarning.department_code) == department)
    rows = session.execute(query.order_by(col(CaseWarning.raised_at).desc(),
                                          col(CaseWarning.id).desc()).limit(limit)).all()
    return [ListedWarning(**WarningOut.model_validate(w, from_attributes=True).model_dump(),
                          case_number=a.case_number, matter_name=v.name,
                          department_code=v.department_code, department_name=v.department_name)
            for w, a, v in rows]


def case_warnings(*, session: Session, principal: Principal, application_id: int, today: date,
                  share: float) -> CaseWarnings:
    """One overseen case and its warnings; 404 when the principal does not oversee it."""
    row = session.execute(select(Application, MatterVersion).join(MatterVersion, PINNED).where(
        scope(principal), col(Application.id) == application_id)).first()
    if row is None:
        raise NotFound(f"No case {application_id} under your supervision.")
    application, version = row
    found = session.execute(select(CaseWarning).where(
        col(CaseWarning.application_id) == application_id)
        .order_by(col(CaseWarning.id))).scalars().all()
    shown = [WarningOut.model_validate(w, from_attributes=True) for w in found]
    opened = sum(1 for w in shown if w.resolution is None)
    return CaseWarnings(case=_case(session, application, version, today, share, opened),
                        warnings=shown)


def visible_warning(*, session: Session, principal: Principal, warning_id: int) -> None:
    """404 unless the warning is on a case the principal oversees."""
    found = session.execute(select(col(CaseWarning.id)).join(
        Application, col(Application.id) == col(CaseWarning.application_id)).where(
        scope(principal), col(CaseWarning.id) == warning_id)).first()
    if found is None:
        raise NotFound(f"No warning {warning_id} under your supervision.")
