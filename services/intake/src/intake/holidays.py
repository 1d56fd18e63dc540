"""The holiday table: per-year calendars an administrator maintains, read through a cache that
every replica drops when the table changes (its row count or latest change moves)."""

import threading
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake.clock import BUILT_IN, Calendar, Year
from intake.models import HolidayYear, audit
from kit import audit as audit_trail
from kit.clock import now
from kit.errors import Invalid, NotFound

_lock = threading.Lock()
_cached: tuple[Any, Calendar] | None = None


def calendar(*, session: Session) -> Calendar:
    """The years the table knows (the built-in chinese_calendar years under any row missing,
    e.g. on a database emptied by hand), cached until the table changes."""
    global _cached
    stamp = tuple(session.execute(select(func.count(), func.max(col(HolidayYear.updated_at))))
                  .one())
    with _lock:
        if _cached is not None and _cached[0] == stamp:
            return _cached[1]
    rows = session.execute(select(HolidayYear)).scalars()
    years = dict(BUILT_IN.years) | {row.year: _year(row) for row in rows}
    found = Calendar(years)
    with _lock:
        _cached = (stamp, found)
    return found


def invalidate() -> None:
    """Forget the cached calendar (this replica; the others see the stamp move)."""
    global _cached
    with _lock:
        _cached = None


def _year(row: HolidayYear) -> Year:
    return Year(holidays=frozenset(date.fromisoformat(d) for d in row.holidays),
                workdays=frozenset(date.fromisoformat(d) for d in row.workdays),
                provisional=row.provisional)


def rows(*, session: Session) -> list[HolidayYear]:
    """The stored years, with the built-in ones the table lacks shown as built-in."""
    stored = {row.year: row for row in session.execute(select(HolidayYear)).scalars()}
    for year, known in BUILT_IN.years.items():
        if year not in stored:
            stored[year] = HolidayYear(
                year=year, holidays=sorted(d.isoformat() for d in known.holidays),
                workdays=sorted(d.isoformat() for d in known.workdays), provisional=False,
                source="chinese_calendar", updated_at=now(), updated_by="built-in")
    return [stored[y] for y in sorted(stored)]


def one(*, session: Session, year: int) -> HolidayYear:
    """One year of the table; 404 when there is none."""
    for row in rows(session=session):
        if row.year == year:
            return row
    raise NotFound(f"No holiday table for {year}.")


def put_year(*, session: Session, year: int, holidays: list[date], workdays: list[date],
             provisional: bool, actor: str, source: str = "admin") -> HolidayYear:
    """Store (or replace) one year's calendar; the cache is dropped everywhere."""
    _check(year, holidays, workdays)
    row = session.get(HolidayYear, year)
    before = _state(row) if row is not None else None
    if row is None:
        row = HolidayYear(year=year, holidays=[], workdays=[], source="admin",
                          updated_at=now(), updated_by=actor)
        session.add(row)
    row.holidays = sorted({d.isoformat() for d in holidays})
    row.workdays = sorted({d.isoformat() for d in workdays})
    row.provisional, row.source, row.updated_at, row.updated_by = (
        provisional, source, now(), actor)
    session.flush()
    invalidate()
    audit_trail.record(session, audit, actor=actor, action="holidays.put", entity="holiday_year",
                       entity_id=str(year), before=before, after=_state(row))
    return row


def _check(year: int, holidays: list[date], workdays: list[date]) -> None:
    """Every date in the year; a day cannot be both off and worked; only weekends are swapped."""
    errors = [{"loc": ["body", name, i], "msg": f"{d} is not in {year}"}
              for name, days in (("holidays", holidays), ("workdays", workdays))
              for i, d in enumerate(days) if d.year != year]
    errors += [{"loc": ["body", "workdays", i], "msg": f"{d} is also a holiday"}
               for i, d in enumerate(workdays) if d in set(holidays)]
    errors += [{"loc": ["body", "workdays", i], "msg": f"{d} is a weekday: it is worked anyway"}
               for i, d in enumerate(workdays) if d.weekday() < 5]
    if errors:
        raise Invalid(f"The calendar of {year} has wrong dates.", errors=errors)


def _state(row: HolidayYear) -> dict[str, Any]:
    return {"holidays": len(row.holidays), "workdays": len(row.workdays),
            "provisional": row.provisional, "source": row.source}
