"""Queries and writes of matters and their versions, with the latest version kept on matter."""

from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, Text, cast, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.access import visible_department
from catalog.matters.exceptions import MatterNotFound, VersionNotFound
from catalog.models import Matter, MatterVersion
from catalog.standard import MatterStandard
from kit.auth import Principal


def find_matter(*, session: Session, code: str) -> Matter | None:
    """The matter with `code`, whoever may see it."""
    return session.scalars(select(Matter).where(col(Matter.implementation_code) == code)).first()


def get_matter(*, session: Session, code: str, actor: Principal) -> Matter:
    """The matter with `code` if the actor's department may see it; 404 otherwise."""
    matter = find_matter(session=session, code=code)
    scope = visible_department(actor)
    if matter is None or (scope is not None and matter.department_code != scope):
        raise MatterNotFound(code)
    return matter


def versions_of(*, session: Session, matter: Matter) -> list[MatterVersion]:
    """Every version of a matter, oldest first."""
    return list(session.scalars(select(MatterVersion)
                                .where(col(MatterVersion.matter_id) == matter.id)
                                .order_by(col(MatterVersion.version))))


def get_version(*, session: Session, matter: Matter, version: int) -> MatterVersion:
    """Version `version` of a matter; 404 when it has none."""
    row = session.scalars(select(MatterVersion).where(
        col(MatterVersion.matter_id) == matter.id,
        col(MatterVersion.version) == version)).first()
    if row is None:
        raise VersionNotFound(matter.implementation_code, version)
    return row


COUNT_CAP = 10_000  # a list counts its matches up to here ("10,000 and more" beyond)
# What a line of the list shows: the latest version's number and state are kept on matter
# (keep_latest), so a list reads no version.
LISTED = (col(Matter.implementation_code), col(Matter.basic_code), col(Matter.name),
          col(Matter.department_code), col(Matter.current_version), col(Matter.cancelled_at),
          col(Matter.latest_version), col(Matter.latest_state))


def list_matters(*, session: Session, actor: Principal, q: str | None, department: str | None,
                 page: int, size: int, state: str | None = None, matter_type: str | None = None,
                 window: str | None = None, after: str | None = None
                 ) -> tuple[list[Any], int]:
    """Rows of LISTED (the matter and its latest version's number and state) in code order,
    filtered by text (name or code), department, latest state, matter type and window, from
    the code after `after` on (keyset) and then `page` of `size`; with the number of matches,
    counted up to COUNT_CAP + 1 when there is no text. The filters read columns kept on
    matter, never the versions."""
    where: list[Any] = []  # a matter and its first version are written in one transaction
    scope = visible_department(actor)
    for column, wanted in ((Matter.department_code, scope), (Matter.department_code, department),
                           (Matter.latest_state, state), (Matter.matter_type, matter_type),
                           (Matter.window_code, window)):
        if wanted:
            where.append(col(column) == wanted)
    skip = (page - 1) * size
    if q:
        where.append(_text_match(q, postgres=session.get_bind().dialect.name == "postgresql"))
        return _searched(session, where, after=after, skip=skip, size=size)
    counted = select(col(Matter.id)).where(*where).limit(COUNT_CAP + 1).subquery()
    total = session.scalar(select(func.count()).select_from(counted)) or 0
    if after:  # each filter's index ends with the code: a page reads only its own rows
        where.append(col(Matter.implementation_code) > after)
    query = select(*LISTED).where(*where).order_by(
        col(Matter.implementation_code)).offset(skip).limit(size)
    return list(session.execute(query).all()), total


def _searched(session: Session, where: list[Any], *, after: str | None, skip: int,
              size: int) -> tuple[list[Any], int]:
    """A text search: the matches first, from the text indexes, then the page sorted out of
    them and their number, in one statement. Walking the code index while testing the text
    would read the whole table when the matches sit together (one department's codes)."""
    found = (select(col(Matter.id), col(Matter.implementation_code)).where(*where)
             .cte("found").prefix_with("MATERIALIZED"))
    chosen = select(found).order_by(found.c.implementation_code).offset(skip).limit(size)
    picked = (chosen.where(found.c.implementation_code > after) if after else chosen
              ).subquery("picked")
    total = select(func.count()).select_from(found).scalar_subquery()
    query = (select(*LISTED, total.label("total"))
             .join(picked, picked.c.id == col(Matter.id)).order_by(picked.c.implementation_code))
    rows = session.execute(query).all()
    if not rows:  # past the last page
        return [], session.scalar(select(func.count()).select_from(found)) or 0
    return list(rows), rows[0].total


def _text_match(q: str, *, postgres: bool) -> Any:
    """Name or code contains `q`, ignoring case. Three characters and more use the trigram
    indexes on lower(…), two the bigram index (PostgreSQL); shorter text scans anyway, so
    without letters that have a case (Chinese, digits) it skips lower(), which costs more than
    the scan itself."""
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    columns: list[Any] = [Matter.name, Matter.implementation_code]
    if len(q) >= 3 or q.lower() != q.upper():
        columns, escaped = [func.lower(c) for c in columns], escaped.lower()
    if postgres and len(q) == 2 and " " not in q:
        # Holding the bigram is holding the substring (the index's own expression, migration
        # 0010_bigrams, on name and code joined by a space): nothing left for LIKE to check.
        searched = col(Matter.name).op("||")(literal_column("' '")).op("||")(
            col(Matter.implementation_code))
        return func.catalog.bigrams(searched).op("@>")(cast(array([q.lower()]), ARRAY(Text())))
    return or_(*(c.like(f"%{escaped}%", escape="\\") for c in columns))


def add_matter(*, session: Session, standard: MatterStandard, created_at: datetime) -> Matter:
    """A new matter's identity, named by its first standard (its versions come next)."""
    matter = Matter(implementation_code=standard.implementation_code,
                    basic_code=standard.basic_code, name=standard.name,
                    department_code=standard.department.code, created_at=created_at)
    session.add(matter)
    session.flush()
    return matter


def add_version(*, session: Session, matter: Matter, standard: MatterStandard, state: str,
                at: datetime, actor: str) -> MatterVersion:
    """The matter's next version, written at `at` in `state`, and kept on matter as its latest."""
    assert matter.id is not None, "the matter is flushed before its versions"
    row = MatterVersion(matter_id=matter.id, version=(matter.latest_version or 0) + 1,
                        state=state, standard=standard.model_dump(mode="json"),
                        effective_from=standard.effective_from, updated_at=at, updated_by=actor)
    session.add(row)
    keep_latest(matter=matter, row=row)
    session.flush()
    return row


def keep_latest(*, matter: Matter, row: MatterVersion) -> None:
    """Copy a version's number, state, type and window onto its matter when it is the latest:
    the catalog's list filters read them there. Call it after each write of a version."""
    if (matter.latest_version or 0) <= row.version:
        matter.latest_version, matter.latest_state = row.version, row.state
        matter.matter_type = (row.standard or {}).get("matter_type")
        matter.window_code = (row.standard or {}).get("window")
