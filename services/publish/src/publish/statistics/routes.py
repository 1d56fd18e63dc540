"""The public statistics: handling figures, the page's bundle, and each table as CSV under
/api/publish/v1/statistics/… (any role, anonymous included)."""

from datetime import date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy.orm import Session

from kit.app import SessionDep
from kit.auth import require
from kit.clock import china_today
from kit.errors import Invalid
from publish.reform import service as reform
from publish.routes import READERS
from publish.statistics import service, tables

router = APIRouter(prefix="/api/publish/v1/statistics", tags=["statistics"],
                   dependencies=[require(*READERS)])
Day = Annotated[date | None, Query()]
Table = Literal["departments", "handling", "monthly", "satisfaction", "reform"]


def _period(start: date | None, end: date | None) -> tuple[date, date]:
    """The twelve months up to today unless given; 422 when the start is after the end."""
    end = end or china_today()
    start = start or end - timedelta(days=365)
    if start > end:
        raise Invalid("start must not be after end.",
                      errors=[{"loc": ["query", "start"], "msg": "after end"}])
    return start, end


def bundle(session: Session, since: date | None, start: date | None,
           end: date | None) -> dict[str, Any]:
    """Everything the public statistics page shows, in one answer."""
    first, last = _period(start, end)
    return {"catalogue": service.catalogue(session=session),
            "figures": service.figures(session=session, start=first, end=last),
            "reform": reform.metrics(session=session, since=since or first)}


@router.get("/figures", responses={422: {}})
def figures(session: SessionDep, start: Day = None, end: Day = None) -> dict[str, Any]:
    """Closed cases between `start` and `end` (the last twelve months by default): volume,
    P50/P90 handling days against committed and statutory limits, overdue share, ratings;
    per matter, department and month."""
    first, last = _period(start, end)
    return service.figures(session=session, start=first, end=last)


@router.get("/public", responses={422: {}})
def public(session: SessionDep, since: Day = None, start: Day = None,
           end: Day = None) -> dict[str, Any]:
    """The public statistics page's figures: matters by department and type, online and
    zero-visit shares, handling figures, and the reform metrics since `since`."""
    return bundle(session, since, start, end)


@router.get("/{table}.csv", response_class=Response, responses={
    200: {"content": {"text/csv": {}}}, 422: {}})
def download(session: SessionDep, table: Table, since: Day = None, start: Day = None,
             end: Day = None) -> Response:
    """One of the page's tables as CSV."""
    text = tables.as_csv(tables.rows(table, bundle(session, since, start, end)))
    return Response(text, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="statistics-{table}.csv"'})
