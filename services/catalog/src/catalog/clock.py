"""China's calendar: effective dates and "in force on a date" are days in Asia/Shanghai.

China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs
no time-zone database.
"""

from datetime import date, datetime, time, timedelta, timezone

from kit.clock import now

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


def china_date(at: datetime) -> date:
    """The calendar day in China at the instant `at`."""
    return at.astimezone(SHANGHAI).date()


def china_today() -> date:
    """Today in China."""
    return china_date(now())


def end_of_day(day: date) -> datetime:
    """The first instant after `day` in China (midnight that ends it)."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=SHANGHAI)
