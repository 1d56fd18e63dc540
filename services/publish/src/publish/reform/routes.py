"""The public reform metrics: GET /api/publish/v1/reform (any role, anonymous included)."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from kit.app import SessionDep
from kit.auth import require
from publish.reform import service
from publish.routes import READERS

router = APIRouter(prefix="/api/publish/v1", tags=["reform"], dependencies=[require(*READERS)])


@router.get("/reform", responses={422: {}})
def reform(session: SessionDep, since: Annotated[date, Query()],
           until: Annotated[date | None, Query()] = None) -> dict[str, Any]:
    """Days of committed time cut, steps simplified, materials reduced and standardized,
    clauses fixed, discretion benchmarks added, on-site visits cut since `since`, for the zone
    and each department, from the published versions."""
    return service.metrics(session=session, since=since, until=until)
