"""The legal clock: due dates in working days (工作日) or calendar days, on China's calendar.

The calendar is data (intake.holidays keeps it per year); a year it does not have is never
guessed as Monday–Friday: counting into it raises `MissingYear`, and the due date stays unknown.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from chinese_calendar.constants import holidays as official_holidays
from chinese_calendar.constants import workdays as official_workdays

# Never count further than this many days ahead (a stale or absurd limit).
HORIZON = 3660


class MissingYear(Exception):
    """Counting needs a year the holiday table does not have."""

    def __init__(self, year: int) -> None:
        super().__init__(f"No holiday table for {year}.")
        self.year = year


@dataclass(frozen=True)
class Year:
    """One year's days off (holidays) and weekend days worked (调休)."""

    holidays: frozenset[date]
    workdays: frozenset[date]
    provisional: bool = False


@dataclass(frozen=True)
class Calendar:
    """The years the holiday table knows."""

    years: Mapping[int, Year] = field(default_factory=dict)

    def is_working_day(self, day: date) -> bool:
        """A working day by the table (holidays and swapped weekends); MissingYear if unknown."""
        known = self.years.get(day.year)
        if known is None:
            raise MissingYear(day.year)
        if day in known.workdays:
            return True
        return day not in known.holidays and day.weekday() < 5


def year_of(days_off: Iterable[date], days_worked: Iterable[date], year: int,
            provisional: bool = False) -> Year:
    """The days of `year` among the given ones."""
    return Year(holidays=frozenset(d for d in days_off if d.year == year),
                workdays=frozenset(d for d in days_worked if d.year == year),
                provisional=provisional)


# The State Council's calendars as chinese_calendar ships them (the seed of the table).
BUILT_IN = Calendar({year: year_of(official_holidays, official_workdays, year)
                     for year in sorted({d.year for d in official_holidays})})


def is_working_day(day: date, calendar: Calendar = BUILT_IN) -> bool:
    """A working day by the State Council's calendar; MissingYear for a year it lacks."""
    return calendar.is_working_day(day)


def counts(day: date, unit: str, calendar: Calendar) -> bool:
    """Whether `day` counts towards a limit in `unit`."""
    return unit != "working_day" or calendar.is_working_day(day)


def due_date(*, start: date, limit: int, unit: str, calendar: Calendar = BUILT_IN) -> date:
    """The last day of a limit counted from the day after `start` (the start day is not
    counted); MissingYear when the count reaches a year the calendar lacks."""
    day, counted = start, 0
    while counted < limit and day < start + timedelta(days=HORIZON):
        day += timedelta(days=1)
        if counts(day, unit, calendar):
            counted += 1
    return day
