"""Queries over briefings: the archive of published ones, the staff's unpublished ones."""

import zlib
from collections.abc import Sequence

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from publish.briefings.models import Briefing

NUMBERING_LOCK = zlib.crc32(b"publish.briefing.number")


def by_id(*, session: Session, briefing_id: int, lock: bool = False) -> Briefing | None:
    """One briefing by its id (locked for update when asked)."""
    return session.get(Briefing, briefing_id, with_for_update=lock or None)


def published(*, session: Session, number: int) -> Briefing | None:
    """The published briefing 第`number`期, if any."""
    return session.scalars(select(Briefing).where(col(Briefing.number) == number,
                                                  col(Briefing.state) == "published")).first()


def archive(*, session: Session, limit: int | None = None) -> Sequence[Briefing]:
    """Published briefings, newest number first."""
    query = select(Briefing).where(col(Briefing.state) == "published") \
        .order_by(col(Briefing.number).desc())
    return session.scalars(query.limit(limit) if limit else query).all()


def unpublished(*, session: Session) -> Sequence[Briefing]:
    """Briefings in draft, submitted or approved, most recently changed first."""
    return session.scalars(select(Briefing).where(col(Briefing.state) != "published")
                           .order_by(col(Briefing.updated_at).desc(), col(Briefing.id).desc())
                           ).all()


def next_number(*, session: Session) -> int:
    """The next 第N期, held until the transaction ends: concurrent publications wait here
    (PostgreSQL: an advisory lock; SQLite: writers already hold the one write lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": NUMBERING_LOCK})
    return int(session.scalar(select(func.max(col(Briefing.number)))) or 0) + 1
