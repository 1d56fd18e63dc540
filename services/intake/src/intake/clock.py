"""The legal clock: due dates in working days (工作日) or calendar days, on China's calendar."""

from datetime import date, timedelta

import chinese_calendar


def is_working_day(day: date) -> bool:
    """A working day by the State Council's calendar (holidays and swapped weekends)."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        # Years the calendar does not cover yet: Monday to Friday.
        return day.weekday() < 5


def due_date(*, start: date, limit: int, unit: str) -> date:
    """The last day of a limit counted from the day after `start` (the start day is not counted)."""
    if unit != "working_day":
        return start + timedelta(days=limit)
    day, counted = start, 0
    while counted < limit:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
