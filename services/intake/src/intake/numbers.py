"""办件编号 and query codes: zone, day and sequence, given once and never again."""

import secrets
from datetime import date

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from intake.models import CaseCounter

# No 0/O, 1/I/L: a code read out over the phone is not mistaken.
QUERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_LENGTH = 6


def next_case_number(*, session: Session, zone: str, day: date,
                     counter: type[SQLModel] = CaseCounter) -> str:
    """The next 办件编号 of `day`: `<zone>-<yyyymmdd>-<nnnnn>`. One upsert on the day's counter
    row takes the number, so concurrent filings (PostgreSQL) never share one. Complaints
    count on a `counter` of their own."""
    table: Table = counter.__table__  # type: ignore[attr-defined]  # SQLModel sets it
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(day=day, last=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.day], set_={"last": table.c.last + 1}).returning(table.c.last)
    sequence = int(session.execute(statement).scalar_one())
    return case_number(zone=zone, day=day, sequence=sequence)


def case_number(*, zone: str, day: date, sequence: int) -> str:
    """The printed form of one case number."""
    return f"{zone}-{day:%Y%m%d}-{sequence:05d}"


def query_code() -> str:
    """A fresh short query code (6 characters, about 30 bits)."""
    return "".join(secrets.choice(QUERY_ALPHABET) for _ in range(QUERY_LENGTH))
