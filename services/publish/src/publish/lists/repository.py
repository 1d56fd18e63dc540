"""The queries of the lists beyond one page: the whole filtered list, the last change, and
the matters' JSON-LD."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from publish import repository
from publish.models import MatterCancellation, PublicMatter, PublishedVersion
from publish.schemas import ListFilters

MOST = 20_000  # a download holds the whole filtered list; a zone has a few thousand matters


def every(*, session: Session, filters: ListFilters) -> Sequence[PublicMatter]:
    """Every matter matching `filters`, the most relevant to `q` first, then by department and
    code (the order of the list's pages)."""
    return session.scalars(repository.filtered(filters, session=session).limit(MOST)).all()


def last_changed(*, session: Session) -> datetime | None:
    """When the lists last changed: the latest publication or cancellation publish received."""
    published = session.scalar(select(func.max(col(PublishedVersion.published_at))))
    cancelled = session.scalar(select(func.max(col(MatterCancellation.cancelled_at))))
    times: list[Any] = [t for t in (published, cancelled) if t is not None]
    return max(times) if times else None


def linked(*, session: Session) -> list[dict[str, Any]]:
    """The JSON-LD of every matter on the lists that has one, by code (a JSON null and an SQL
    NULL both mean none)."""
    documents = session.scalars(select(col(PublicMatter.jsonld)).order_by(repository.CODE))
    return [d for d in documents if isinstance(d, dict)]
