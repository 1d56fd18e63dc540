"""Working days (工作日) on China's official calendar as the `chinesecalendar` package ships it;
a year it does not know yet is counted Monday to Friday."""

from datetime import date, timedelta

from chinese_calendar.constants import holidays, workdays

HORIZON = 3660  # never count further than ten years


def is_working_day(day: date) -> bool:
    """A working day: the official calendar's in a known year, Monday to Friday otherwise."""
    if day in workdays:
        return True
    return day not in holidays and day.weekday() < 5


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    days = min((end - start).days, HORIZON)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, days + 1))
