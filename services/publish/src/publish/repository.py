"""Queries over the public read model; only matters on the lists, never cancelled ones."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit.reads import Reader
from publish.models import MatterCancellation, PublicMatter, PublishedVersion
from publish.schemas import ListFilters
from publish.search.service import matching_codes

CODE = col(PublicMatter.implementation_code)
DEPARTMENT = col(PublicMatter.department_code)


def fold(text: str) -> str:
    """Case-fold in Python, so search behaves the same on SQLite and PostgreSQL."""
    return text.casefold()


def search_text(*, name: str, implementation_code: str) -> str:
    """Name and code, folded, on separate lines (kept for readers of the column; `q` is
    answered by publish.search)."""
    return f"{fold(name)}\n{fold(implementation_code)}"


def filtered(filters: ListFilters, *, session: Session) -> Select[Any]:
    """The matters on the lists that match `filters`, the most relevant to `q` first (search's
    ranking), then by department and code."""
    query: Select[Any] = select(PublicMatter)
    if filters.q:
        ranked = matching_codes(session=session, q=filters.q)
        query = query.where(CODE.in_(ranked))
        if ranked:
            query = query.order_by(case({c: i for i, c in enumerate(ranked)}, value=CODE))
    if filters.department:
        query = query.where(col(PublicMatter.department_code) == filters.department)
    if filters.window:
        query = query.where(col(PublicMatter.window) == filters.window)
    if filters.matter_type:
        query = query.where(col(PublicMatter.matter_type) == filters.matter_type)
    return query.order_by(DEPARTMENT, CODE)


def page_of(*, session: Session, filters: ListFilters) -> tuple[Sequence[PublicMatter], int]:
    """One page of matching matters, in a stable order, and how many match in all."""
    query = filtered(filters, session=session)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    start = (filters.page - 1) * filters.size
    rows = session.scalars(query.offset(start).limit(filters.size)).all()
    return rows, total


def current(*, session: Session, code: str, lock: bool = False) -> PublicMatter | None:
    """The matter on the lists under `code`, if any (locked for update when asked)."""
    return session.get(PublicMatter, code, with_for_update=lock or None)


# Built once: a request only binds the code (and SQLAlchemy's compiled form is reused).
GUIDE = select(col(PublicMatter.guide), col(PublicMatter.guide_etag)).where(
    col(PublicMatter.implementation_code) == bindparam("code"))


async def guide(*, reader: Reader, code: str) -> tuple[bytes, str] | None:
    """The stored answer of the current guide of `code` and its ETag, in one round trip."""
    found = await reader.first(GUIDE, {"code": code})
    return None if found is None else (bytes(found[0]), found[1])


def cancellation(*, session: Session, code: str) -> MatterCancellation | None:
    """The latest cancellation of `code`, if any."""
    return session.get(MatterCancellation, code)


def history_row(*, session: Session, code: str, version: int) -> PublishedVersion | None:
    """The history row of one published version."""
    return session.scalars(select(PublishedVersion).where(
        col(PublishedVersion.implementation_code) == code,
        col(PublishedVersion.version) == version)).first()


def history(*, session: Session, code: str) -> Sequence[PublishedVersion]:
    """Every published version of `code`, newest first."""
    return session.scalars(select(PublishedVersion)
                           .where(col(PublishedVersion.implementation_code) == code)
                           .order_by(col(PublishedVersion.version).desc())).all()


def count_by(*, session: Session, column: Any) -> list[Any]:
    """Matters on the lists grouped by one column, largest group first."""
    return list(session.execute(
        select(column, func.count().label("matters")).group_by(column)
        .order_by(func.count().desc(), column)))


def department_counts(*, session: Session) -> list[Any]:
    """Each department's code, name and number of matters, largest first."""
    name = func.max(col(PublicMatter.department_name)).label("name")
    return list(session.execute(
        select(DEPARTMENT.label("code"), name, func.count().label("matters"))
        .group_by(DEPARTMENT).order_by(func.count().desc(), DEPARTMENT)))


def totals(*, session: Session) -> Any:
    """Count, online count and average limits over the matters on the lists."""
    return session.execute(select(
        func.count().label("matters"),
        func.sum(case((col(PublicMatter.online), 1), else_=0)).label("online"),
        func.avg(col(PublicMatter.committed_limit)).label("committed"),
        func.avg(col(PublicMatter.statutory_limit)).label("statutory"))).one()
