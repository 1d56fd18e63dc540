"""The public API: service guides, departments and statistics (the lists are in `lists/`).
Anyone reads."""

from typing import Annotated

from fastapi import APIRouter, Header, Path, Response
from pydantic import BaseModel

from kit.app import SessionDep
from kit.auth import require
from kit.caching import conditional, strong_etag
from kit.reads import ReaderDep
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
IfNoneMatch = Annotated[str | None, Header()]
JSON = "application/json"
NOT_MODIFIED: dict[int | str, dict[str, str]] = {304: {"description": "Not modified"}}


@router.get("/guides/{implementation_code}", response_model=None,
            responses={200: {"description": "The matter document plus department_name",
                             "content": {JSON: {}}},
                       304: {"description": "Not modified"}})
async def guide(implementation_code: ImplementationCode, reader: ReaderDep,
                if_none_match: IfNoneMatch = None) -> Response:
    """The current service guide (办事指南), as stored when it was published, with a strong
    ETag; 304 when the client's copy is current. A hot read: async, one round trip."""
    body, etag = await service.guide(reader=reader, implementation_code=implementation_code)
    return conditional(body, etag=etag, if_none_match=if_none_match, media_type=JSON)


@router.get("/guides/{implementation_code}/history")
def guide_history(implementation_code: ImplementationCode,
                  session: SessionDep) -> dict[str, list[GuideVersion]]:
    """Every published version of a guide: current, superseded or cancelled."""
    return {"items": service.guide_history(session=session,
                                           implementation_code=implementation_code)}


@router.get("/departments", response_model=DepartmentList, responses=NOT_MODIFIED)
def departments(session: SessionDep, if_none_match: IfNoneMatch = None) -> Response:
    """Each department with its number of published matters (ETag; 304 when current)."""
    return answer(service.departments(session=session), if_none_match)


def answer(model: BaseModel, if_none_match: str | None) -> Response:
    """A public read as JSON with the strong ETag of its bytes; 304 when the client's copy is
    current."""
    body = model.model_dump_json().encode()
    return conditional(body, etag=strong_etag(body), if_none_match=if_none_match,
                       media_type=JSON)


@router.get("/statistics")
def statistics(session: SessionDep) -> Statistics:
    """Matters in all, per department, window and type; online share; average limits."""
    return service.statistics(session=session)
