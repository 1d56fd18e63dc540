"""Warnings on running cases: the sweep that raises them once per level, their resolution
(decided in time or late, clock paused, explained by a supervisor), and the closed case's
handling time sent to publish (`application.closed`); flush only."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import ledger, repository
from intake.models import Application, MatterVersion, audit, outbox
from intake.models_supervision import CaseWarning
from intake.supervision.colours import LEVELS, colour
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_date, now
from kit.errors import Conflict, NotFound
from kit.outbox import emit

SYSTEM = "system"
RUNNING = "accepted"
DECIDED = ("approved", "rejected")
BATCH = 500  # running cases read, locked and warned per transaction


def sweep(*, session: Session, today: date, share: float) -> list[CaseWarning]:
    """One whole round in one transaction (the demo's); see `sweep_part`."""
    raised: list[CaseWarning] = []
    after: int | None = 0
    while after is not None:
        part, after = sweep_part(session=session, today=today, share=share, after=after)
        raised += part
    return raised


def sweep_part(*, session: Session, today: date, share: float, after: int,
               batch: int | None = None) -> tuple[list[CaseWarning], int | None]:
    """Up to `batch` running cases with an id after `after`, each read on `today`: a warning
    raised once per level it reached, open warnings of paused cases resolved; on the round's
    last part, the open warnings of cases no longer running too. The warnings raised and
    where the next part starts (None: the round is over). A few queries whatever the number
    of cases. Safe with replicas: rows are locked (PostgreSQL skips those another holds)."""
    batch = batch or BATCH
    running = list(session.execute(
        select(Application).where(col(Application.state) == RUNNING, col(Application.id) > after)
        .order_by(col(Application.id)).limit(batch).with_for_update(skip_locked=True)).scalars())
    found = ledger.readings(session=session, applications=running, today=today)
    warned = set(session.execute(select(col(CaseWarning.application_id), col(CaseWarning.level))
                                 .where(col(CaseWarning.application_id).in_(list(found)))).all())
    raised: list[CaseWarning] = []
    for application in running:
        reading = found[application.id or 0]
        if reading.paused:
            resolve(session=session, application=application, resolution="paused")
            continue
        level = colour(reading, today=today, share=share)
        if level in LEVELS and (application.id, level) not in warned:
            raised.append(_raise(session, application, level, reading))
    session.flush()
    if len(running) < batch:
        _close_finished(session)
        return raised, None
    return raised, running[-1].id


def _raise(session: Session, application: Application, level: str,
           found: ledger.Reading) -> CaseWarning:
    row = CaseWarning(application_id=application.id or 0,
                      department_code=application.department_code, level=level,
                      raised_at=now(), due_date=found.due_date, days_used=found.days_used,
                      limit=found.limit)
    session.add(row)
    audit_trail.record(session, audit, actor=SYSTEM, action="supervision.warning_raised",
                       entity="application", entity_id=str(application.id),
                       after={"level": level, "due_date": _iso(found.due_date),
                              "days_used": found.days_used, "limit": found.limit})
    return row


def _close_finished(session: Session) -> None:
    """Open warnings of cases no longer running (decided, withdrawn) resolved by how."""
    rows = session.execute(select(CaseWarning, Application).join(
        Application, col(Application.id) == col(CaseWarning.application_id)).where(
        col(CaseWarning.resolution).is_(None), col(Application.state) != RUNNING)).all()
    for _, application in rows:
        resolve(session=session, application=application, resolution=_how(application))


def _how(application: Application) -> str:
    if application.state not in DECIDED or application.decided_at is None:
        return "closed"
    late = (application.due_date is not None
            and china_date(application.decided_at) > application.due_date)
    return "decided_late" if late else "decided_in_time"


def resolve(*, session: Session, application: Application, resolution: str,
            actor: str = SYSTEM, note: str | None = None) -> int:
    """Resolve the case's open warnings; how many were."""
    rows = session.execute(select(CaseWarning).where(
        col(CaseWarning.application_id) == application.id,
        col(CaseWarning.resolution).is_(None))).scalars().all()
    for row in rows:
        row.resolution, row.resolved_at, row.resolved_by, row.note = (
            resolution, now(), actor, note)
        audit_trail.record(session, audit, actor=actor, action="supervision.warning_resolved",
                           entity="case_warning", entity_id=str(row.id),
                           after={"resolution": resolution, "note": note})
    session.flush()
    return len(rows)


def explain(*, session: Session, principal: Principal, warning_id: int,
            note: str) -> CaseWarning:
    """A supervisor resolves one open warning with an explanation; 409 once resolved."""
    row = session.get(CaseWarning, warning_id)
    if row is None:
        raise NotFound(f"No warning {warning_id}.")
    if row.resolution is not None:
        raise Conflict(f"Warning {warning_id} was resolved already ({row.resolution}).")
    row.resolution, row.resolved_at, row.resolved_by, row.note = (
        "explained", now(), principal.sub, note)
    session.flush()
    audit_trail.record(session, audit, actor=principal.sub, action="supervision.explained",
                       entity="case_warning", entity_id=str(warning_id),
                       after={"resolution": "explained", "note": note})
    return row


def explain_demo(*, session: Session, warning: CaseWarning) -> None:
    """The demo's one red warning a supervisor explained (a special procedure, not counted)."""
    warning.resolution, warning.resolved_at, warning.resolved_by = "explained", now(), "supervisor"
    warning.note = "申请人申请听证，听证期间不计入办理时限，已核实。"
    session.flush()


def closed(*, session: Session, application: Application) -> None:
    """On a decision: the case's warnings resolved and its handling time sent to publish."""
    resolve(session=session, application=application, resolution=_how(application))
    version = repository.pinned_version(session=session, application=application)
    emit(session, outbox, event_type="application.closed", destinations=["publish"],
         payload=closed_payload(session=session, application=application, version=version))


def closed_payload(*, session: Session, application: Application, version: MatterVersion,
                   channel: str | None = None) -> dict[str, Any]:
    """What publish keeps of a closed case: the matter, dates and days, no personal data."""
    decided = china_date(application.decided_at or now())
    found = ledger.reading(session=session, application=application, version=version,
                           today=decided)
    taken = ledger.days_taken(session=session, application=application,
                              unit=version.limit_unit, today=decided)
    document = version.document
    online = bool((document.get("channels") or {}).get("online", True))
    return {
        "case_id": application.id, "implementation_code": version.implementation_code,
        "matter_name": version.name,
        "department": {"code": version.department_code, "name": version.department_name},
        "window": version.window, "channel": channel or ("online" if online else "hall"),
        "filed_on": china_date(application.submitted_at).isoformat(),
        "accepted_on": _iso(china_date(application.accepted_at)
                            if application.accepted_at else None),
        "decided_on": decided.isoformat(), "days_used": taken,
        "committed_limit": found.limit or version.committed_limit,
        "statutory_limit": _whole(document.get("statutory_limit")),
        "limit_unit": version.limit_unit,
        "overdue": application.due_date is not None and decided > application.due_date,
        "outcome": application.state}


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
