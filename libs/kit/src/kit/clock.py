"""The one clock of the platform: aware UTC now, and the calendar day in China."""

from datetime import UTC, date, datetime, timedelta, timezone

# China has kept UTC+8 without daylight saving time since 1991: a fixed offset is exact and
# needs no time-zone database.
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


def china_date(moment: datetime) -> date:
    """The calendar day in China at `moment`."""
    return moment.astimezone(CHINA).date()
