"""The one clock of the platform: aware UTC now, and the calendar day in China."""

from datetime import UTC, date, datetime, time, timedelta, timezone

# China has kept UTC+8 without daylight saving time since 1991: a fixed offset is exact and
# needs no time-zone database.
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


def china_date(moment: datetime) -> date:
    """The calendar day in China at `moment`."""
    return moment.astimezone(CHINA).date()


def china_today() -> date:
    """Today in China."""
    return china_date(now())


def end_of_day(day: date) -> datetime:
    """The first instant after `day` in China (the midnight that ends it)."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=CHINA)
