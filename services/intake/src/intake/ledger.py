"""The legal clock's ledger (办理时限台账) of an application: started, paused, resumed, extended,
and the due date recomputed after each entry on the holiday table.

`public_entries(session=…, application=…)` is what anyone following a case may read: kinds,
causes, dates and days, no names or personal data.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import holidays, repository
from intake.clock import HORIZON, Calendar, MissingYear, counts
from intake.models import Application, ClockEntry, MatterVersion, audit
from kit import audit as audit_trail
from kit.clock import china_date, china_today, now

OPEN_STATES = ("submitted", "correction_requested", "corrected", "accepted")


@dataclass(frozen=True)
class Reading:
    """The clock read on a day: due date (None while paused or unknown), days used and left of
    the limit (extensions included), and the year whose holiday table is missing, if any."""

    started: date | None = None
    due_date: date | None = None
    limit: int = 0
    days_used: int | None = None
    days_left: int | None = None
    paused: str | None = None
    missing_year: int | None = None


def entries(*, session: Session, application_id: int) -> list[ClockEntry]:
    """The ledger of an application, oldest first."""
    return list(session.execute(
        select(ClockEntry).where(col(ClockEntry.application_id) == application_id)
        .order_by(col(ClockEntry.id))).scalars())


def ledgers_of(*, session: Session, application_ids: list[int]) -> dict[int, list[ClockEntry]]:
    """The ledgers of several applications in one query, each oldest first."""
    found: dict[int, list[ClockEntry]] = {i: [] for i in application_ids}
    if application_ids:
        for entry in session.scalars(select(ClockEntry).where(
                col(ClockEntry.application_id).in_(application_ids)).order_by(col(ClockEntry.id))):
            found[entry.application_id].append(entry)
    return found


def readings(*, session: Session, applications: list[Application], today: date,
             pinned: Mapping[tuple[str, int], Any] | None = None) -> dict[int, Reading]:
    """The clocks of several applications as of `today`, in three queries whatever their
    number (ledgers, pinned versions unless `pinned` has their limits by (code, version),
    holiday table)."""
    ledgers = ledgers_of(session=session, application_ids=[a.id or 0 for a in applications])
    versions = pinned if pinned is not None else repository.versions_of(
        session=session, keys={(a.implementation_code, a.version) for a in applications})
    calendar = holidays.calendar(session=session)
    found = {}
    for a in applications:
        version = versions[(a.implementation_code, a.version)]
        found[a.id or 0] = read(ledgers[a.id or 0], limit=version.committed_limit,
                                unit=version.limit_unit, calendar=calendar, today=today)
    return found


def read(rows: list[ClockEntry], *, limit: int, unit: str, calendar: Calendar,
         today: date) -> Reading:
    """The due date: the limit (plus extensions) counted from the day after the start, paused
    days skipped; the days used: those counted up to `today`."""
    start = next((r.day for r in rows if r.kind == "started"), None)
    if start is None:
        return Reading()
    total = limit + sum(r.days or 0 for r in rows if r.kind == "extended")
    pauses, open_since, cause = _pauses(rows, start)
    try:
        stopped = pauses + ([(open_since, date.max)] if open_since else [])
        used = min(_counted(start, today, stopped, unit, calendar), total)
        due = None if open_since else _due_day(start, total, pauses, unit, calendar)
    except MissingYear as missing:
        return Reading(started=start, limit=total, paused=cause, missing_year=missing.year)
    return Reading(started=start, due_date=due, limit=total, days_used=used,
                   days_left=total - used, paused=cause)


Pauses = list[tuple[date, date]]


def days_taken(*, session: Session, application: Application, unit: str,
               today: date) -> int | None:
    """The days counted from the clock's start up to `today`, paused days skipped and not
    capped at the limit (a late case's real handling time); None before the start or
    without a holiday table."""
    rows = entries(session=session, application_id=application.id or 0)
    start = next((r.day for r in rows if r.kind == "started"), None)
    if start is None:
        return None
    pauses, open_since, _ = _pauses(rows, start)
    stopped = pauses + ([(open_since, date.max)] if open_since else [])
    try:
        return _counted(start, today, stopped, unit, holidays.calendar(session=session))
    except MissingYear:
        return None


def _skipped(day: date, pauses: Pauses, unit: str, calendar: Calendar) -> bool:
    return any(p < day <= r for p, r in pauses) or not counts(day, unit, calendar)


def _counted(start: date, today: date, pauses: Pauses, unit: str, calendar: Calendar) -> int:
    """The days counted after `start` up to `today`."""
    day, counted = start, 0
    while day < min(today, start + timedelta(days=HORIZON)):
        day += timedelta(days=1)
        counted += not _skipped(day, pauses, unit, calendar)
    return counted


def _due_day(start: date, total: int, pauses: Pauses, unit: str, calendar: Calendar) -> date:
    day, counted = start, 0
    while counted < total and day < start + timedelta(days=HORIZON):
        day += timedelta(days=1)
        counted += not _skipped(day, pauses, unit, calendar)
    return day


def _pauses(rows: list[ClockEntry], start: date) -> tuple[Pauses, date | None, str | None]:
    """Closed pauses (paused day, resumed day] after the start, and the day and cause of a
    pause still open."""
    closed: Pauses = []
    opened: tuple[date, str] | None = None
    for row in rows:
        if row.kind == "paused":
            opened = (row.day, row.cause or "")
        elif row.kind == "resumed" and opened is not None:
            if row.day > start:
                closed.append((max(opened[0], start), row.day))
            opened = None
    if opened is None:
        return closed, None, None
    return closed, max(opened[0], start), opened[1]


def reading(*, session: Session, application: Application,
            version: MatterVersion | None = None, today: date | None = None) -> Reading:
    """The application's clock as of `today` (China's today by default)."""
    version = version or repository.pinned_version(session=session, application=application)
    return read(entries(session=session, application_id=application.id or 0),
                limit=version.committed_limit, unit=version.limit_unit,
                calendar=holidays.calendar(session=session), today=today or china_today())


def add(session: Session, application: Application, *, kind: str, actor: str,
        cause: str | None = None, day: date | None = None, days: int | None = None,
        note: str | None = None) -> Reading:
    """Write one entry, recompute the due date onto it and the application, audit it."""
    entry = ClockEntry(application_id=application.id or 0, kind=kind, cause=cause,
                       day=day or china_date(now()), days=days, note=note, at=now(), actor=actor)
    session.add(entry)
    session.flush()
    found = reading(session=session, application=application)
    entry.due_date = application.due_date = found.due_date
    session.flush()
    audit_trail.record(session, audit, actor=actor, action=f"application.clock_{kind}",
                       entity="application", entity_id=str(application.id),
                       after={"cause": cause, "day": entry.day.isoformat(), "days": days,
                              "due_date": _iso(found.due_date)})
    return found


def recompute_open(*, session: Session) -> int:
    """After the holiday table changed: each open case's due date read again; how many moved."""
    moved = 0
    for application in session.execute(select(Application).where(
            col(Application.state) == "accepted")).scalars():
        due = reading(session=session, application=application).due_date
        if due != application.due_date:
            application.due_date, moved = due, moved + 1
    session.flush()
    return moved


def years_needed(*, session: Session) -> list[int]:
    """The years whose holiday table open cases wait for."""
    found = {reading(session=session, application=a).missing_year
             for a in session.execute(select(Application).where(
                 col(Application.state) == "accepted",
                 col(Application.due_date).is_(None))).scalars()}
    return sorted(y for y in found if y is not None)


def public_entries(*, session: Session, application: Application) -> list[dict[str, Any]]:
    """The ledger as anyone following the case may read it, with no personal data: the
    receipt, each entry (kind, cause, day, days, due date after it) and the due date now."""
    shown: list[dict[str, Any]] = [{"kind": "received", "cause": None,
                                    "day": china_date(application.submitted_at), "days": None,
                                    "note": None, "due_date": None}]
    shown += [{"kind": e.kind, "cause": e.cause, "day": e.day, "days": e.days, "note": e.note,
               "due_date": e.due_date}
              for e in entries(session=session, application_id=application.id or 0)]
    if application.due_date is not None and application.state == "accepted":
        shown.append({"kind": "due", "cause": None, "day": application.due_date, "days": None,
                      "note": None, "due_date": application.due_date})
    return shown


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
