"""The public API: service guides, departments and statistics (the lists are in `lists/`).
Anyone reads."""

from typing import Annotated

from fastapi import APIRouter, Header, Path, Response
from fastapi.responses import JSONResponse

from kit.app import SessionDep
from kit.auth import require
from publish import service
from publish.schemas import (
    PRINTABLE,
    DepartmentList,
    GuideVersion,
    Statistics,
)

# Every role of the platform: the gateway sends `public` for anonymous visitors.
READERS = ("public", "applicant", "butler", "clerk", "editor", "approver", "reviewer", "lead",
           "publisher", "supervisor", "admin", "provincial_system", "service", "guidance", "leader")

router = APIRouter(prefix="/api/publish/v1", tags=["publish"], dependencies=[require(*READERS)])
ImplementationCode = Annotated[str, Path(min_length=1, max_length=50, pattern=PRINTABLE)]


@router.get("/guides/{implementation_code}", response_model=None,
            responses={200: {"description": "The matter document plus department_name"},
                       304: {"description": "Not modified"}})
def guide(implementation_code: ImplementationCode, session: SessionDep,
          if_none_match: Annotated[str | None, Header()] = None) -> Response:
    """The current service guide (办事指南) with an ETag; 304 when the client's copy is current."""
    body, etag = service.guide(session=session, implementation_code=implementation_code)
    if service.etag_matches(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    return JSONResponse(body, headers={"ETag": etag})


@router.get("/guides/{implementation_code}/history")
def guide_history(implementation_code: ImplementationCode,
                  session: SessionDep) -> dict[str, list[GuideVersion]]:
    """Every published version of a guide: current, superseded or cancelled."""
    return {"items": service.guide_history(session=session,
                                           implementation_code=implementation_code)}


@router.get("/departments")
def departments(session: SessionDep) -> DepartmentList:
    """Each department with its number of published matters."""
    return service.departments(session=session)


@router.get("/statistics")
def statistics(session: SessionDep) -> Statistics:
    """Matters in all, per department, window and type; online share; average limits."""
    return service.statistics(session=session)
