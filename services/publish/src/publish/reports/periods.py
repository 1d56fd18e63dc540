"""Report periods: calendar months, or weeks Monday to Sunday."""

from datetime import date, timedelta

CADENCES = ("monthly", "weekly")


def period_of(cadence: str, day: date) -> tuple[date, date]:
    """The period of `cadence` holding `day`: its first and last day."""
    if cadence == "weekly":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def previous(cadence: str, day: date, count: int = 1) -> list[tuple[date, date]]:
    """The `count` periods before the one holding `day`, oldest first."""
    periods, start = [], period_of(cadence, day)[0]
    for _ in range(count):
        start = period_of(cadence, start - timedelta(days=1))[0]
        periods.append(period_of(cadence, start))
    return periods[::-1]
