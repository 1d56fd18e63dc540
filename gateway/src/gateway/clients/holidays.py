"""Intake's holiday table (the calendar of working days the legal clock counts on), as the
administrator's pages use it (split from clients.intake by topic)."""

from datetime import datetime
from typing import Any

from gateway.clients.base import Answer, Link, read

SERVICE = "intake"
HOLIDAYS = "/api/intake/v1/holidays"


class HolidayYear(Answer):
    """One year of the holiday table, as listed (counts) or shown (the dates)."""

    year: int
    provisional: bool
    source: str
    updated_at: datetime


class HolidayTable(Answer):
    """The holiday table's years, and the years open cases need that it lacks."""

    years: list[HolidayYear]
    needed: list[int]
    recomputed: int | None = None


async def holidays(link: Link) -> HolidayTable:
    """The holiday table (administrators)."""
    return await read(link, HolidayTable, SERVICE, HOLIDAYS)


async def holiday_year(link: Link, year: int) -> HolidayYear:
    """One year's holidays and swapped working days."""
    return await read(link, HolidayYear, SERVICE, f"{HOLIDAYS}/{year}")


async def put_holiday_year(link: Link, year: int, body: dict[str, Any]) -> HolidayTable:
    """Store one year's calendar; the answer says how many open cases were recomputed."""
    return await read(link, HolidayTable, SERVICE, f"{HOLIDAYS}/{year}", method="PUT", json=body)
