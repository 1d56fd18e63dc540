"""The catalog's list of matters on the part's read engine (kit.reads): async, Core only, one
round trip for a page and the number of its matches. The filters and the lines read columns
kept on matter (`repository.keep_latest`), never the versions, each filter backed by an index
that ends with the code; text searches read the trigram and bigram indexes."""

from typing import Any

from sqlalchemy import ARRAY, Select, Text, cast, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql import array
from sqlmodel import col

from catalog.access import visible_department
from catalog.models import Matter
from kit.auth import Principal
from kit.reads import Reader

COUNT_CAP = 10_000  # a list counts its matches up to here ("10,000 and more" beyond)
# What a line of the list shows: the latest version's number and state are kept on matter.
LISTED = (col(Matter.implementation_code), col(Matter.basic_code), col(Matter.name),
          col(Matter.department_code), col(Matter.current_version), col(Matter.cancelled_at),
          col(Matter.latest_version), col(Matter.latest_state))


async def matter_page(*, reader: Reader, actor: Principal, q: str | None,
                      department: str | None, page: int, size: int, state: str | None = None,
                      matter_type: str | None = None, window: str | None = None,
                      after: str | None = None) -> tuple[list[Any], int]:
    """Rows of LISTED in code order, filtered by text (name or code), department, latest
    state, matter type and window, from the code after `after` on (keyset) and then `page` of
    `size`; with the number of matches (counted up to COUNT_CAP + 1 without text)."""
    where: list[Any] = []
    scope = visible_department(actor)
    for column, wanted in ((Matter.department_code, scope), (Matter.department_code, department),
                           (Matter.latest_state, state), (Matter.matter_type, matter_type),
                           (Matter.window_code, window)):
        if wanted:
            where.append(col(column) == wanted)
    skip = (page - 1) * size
    if q:
        where.append(text_match(q, postgres=reader.engine.dialect.name == "postgresql"))
        query, counted = _searched(where, after=after, skip=skip, size=size)
    else:
        counted = select(func.count()).select_from(
            select(col(Matter.id)).where(*where).limit(COUNT_CAP + 1).subquery())
        if after:  # each filter's index ends with the code: a page reads only its own rows
            where.append(col(Matter.implementation_code) > after)
        query = (select(*LISTED, counted.scalar_subquery().label("total")).where(*where)
                 .order_by(col(Matter.implementation_code)).offset(skip).limit(size))
    rows = await reader.all(query)
    if not rows:  # past the last page: the number alone
        found = await reader.first(counted)
        return [], int(found[0]) if found else 0
    return rows, rows[0].total


def _searched(where: list[Any], *, after: str | None, skip: int,
              size: int) -> tuple[Select[Any], Select[Any]]:
    """A text search: the matches first, from the text indexes, then the page sorted out of
    them and their number. Walking the code index while testing the text would read the whole
    table when the matches sit together (one department's codes)."""
    found = (select(col(Matter.id), col(Matter.implementation_code)).where(*where)
             .cte("found").prefix_with("MATERIALIZED"))
    chosen = select(found).order_by(found.c.implementation_code).offset(skip).limit(size)
    picked = (chosen.where(found.c.implementation_code > after) if after else chosen
              ).subquery("picked")
    counted = select(func.count()).select_from(found)
    query = (select(*LISTED, counted.scalar_subquery().label("total"))
             .join(picked, picked.c.id == col(Matter.id)).order_by(picked.c.implementation_code))
    return query, counted


def text_match(q: str, *, postgres: bool) -> Any:
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
