"""A review round's deadline in working days (工作日) on China's official calendar, as the
`chinesecalendar` package ships it. A year the package does not know yet is counted Monday to
Friday and the deadline says so (`provisional`): review keeps no holiday table of its own (intake's
table is intake's; services do not share tables).
"""

from datetime import date, timedelta
from typing import Literal

from chinese_calendar.constants import holidays, workdays

from kit.clock import china_date, china_today
from review.models import ReviewCase
from review.person_schemas import RoundDeadline

KNOWN_YEARS = frozenset(d.year for d in holidays)
HORIZON = 400  # never count further than this many days


def is_working_day(day: date) -> bool:
    """A working day: the official calendar's in a known year, Monday to Friday otherwise."""
    if day in workdays:
        return True
    return day not in holidays and day.weekday() < 5


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (the start day itself is not counted)."""
    day, counted = start, 0
    while counted < count and day < start + timedelta(days=HORIZON):
        day += timedelta(days=1)
        counted += is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    days = min((end - start).days, HORIZON)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, days + 1))


def deadline(case: ReviewCase, *, working_days: int, remind_days: int,
             today: date | None = None) -> RoundDeadline | None:
    """The round's deadline, counted from the day the case reached its group; None once the
    case is closed (its round is over)."""
    if case.state != "open":
        return None
    today = today or china_today()
    opened = china_date(case.reached_group_at or case.opened_at)
    due = add_working_days(opened, working_days)
    late = today > due
    left = 0 if late else working_days_between(today, due)
    status: Literal["on_time", "due_soon", "late"] = (
        "late" if late else "due_soon" if left <= remind_days else "on_time")
    return RoundDeadline(
        due_on=due, working_days=working_days, days_left=left,
        overdue_days=working_days_between(due, today) if late else 0, status=status,
        provisional=any(y not in KNOWN_YEARS for y in {opened.year, due.year, today.year}))
