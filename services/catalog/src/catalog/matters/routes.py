"""Catalog API for departments: matters, versions, submission, publication."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from catalog.access import Editor, Publisher, Staff
from catalog.matters import listing, reads, repository, service
from catalog.matters.dependencies import MatterDep, VersionDep
from catalog.matters.schemas import MatterPage, MatterRead, VersionRead
from catalog.matters.views import listed, matter_read, version_read, with_etag
from catalog.standard import MatterStandard
from kit.app import SessionDep
from kit.reads import ReaderDep

router = APIRouter(prefix="/api/catalog/v1", tags=["catalog"])


@router.get("/matters", response_model=MatterPage)
async def list_matters(reader: ReaderDep, actor: Staff,
                 q: Annotated[str | None, Query(max_length=100)] = None,
                 department: Annotated[str | None, Query(max_length=18)] = None,
                 state: Annotated[str | None, Query(max_length=20)] = None,
                 matter_type: Annotated[str | None, Query(max_length=2)] = None,
                 window: Annotated[str | None, Query(max_length=40)] = None,
                 after: Annotated[str | None, Query(max_length=50)] = None,
                 page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                 size: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
    """Matters the caller may see in code order, each with its latest version's state; `q`
    searches name and code, `state` is the latest version's state, `matter_type` and `window`
    its type and window. Page through a long list with `after` (the `next` of the page before:
    each page costs the same however deep); `page` skips pages and costs what it skips.
    `total` counts the matches up to 10,000 (`total_capped` beyond)."""
    rows, total = await listing.matter_page(
        reader=reader, actor=actor, q=q, department=department, state=state,
        matter_type=matter_type, window=window, after=after, page=page, size=size)
    items = [listed(row) for row in rows]
    found = MatterPage(items=items, total=min(total, listing.COUNT_CAP),
                       total_capped=total > listing.COUNT_CAP,
                       next=items[-1].implementation_code if len(items) == size else None)
    # Serialized once (FastAPI would validate the page against the response model again).
    return Response(found.model_dump_json(), media_type="application/json")


@router.post("/matters", response_model=VersionRead, status_code=201)
def create_matter(standard: MatterStandard, session: SessionDep, actor: Editor,
                  response: Response) -> VersionRead:
    """Draft a new matter for the editor's department (version 1)."""
    matter, row = service.create_matter(session=session, standard=standard, actor=actor)
    with_etag(response, row)
    return version_read(matter, row)


@router.get("/matters/{code}", response_model=MatterRead)
async def get_matter(code: str, actor: Staff, reader: ReaderDep) -> MatterRead:
    """One matter and the list of its versions (a hot read: async, one round trip)."""
    return await reads.matter_read(reader=reader, code=code, actor=actor)


@router.get("/matters/{code}/versions/{version}", response_model=VersionRead)
def get_version(_: Staff, matter: MatterDep, row: VersionDep, response: Response) -> VersionRead:
    """One version with its standard; the ETag guards later edits."""
    with_etag(response, row)
    return version_read(matter, row)


@router.post("/matters/{code}/versions", response_model=VersionRead, status_code=201)
def new_version(session: SessionDep, actor: Editor, matter: MatterDep,
                response: Response) -> VersionRead:
    """Start a new draft from the latest version; the published one stays in force."""
    row = service.new_version(session=session, matter=matter, actor=actor)
    with_etag(response, row)
    return version_read(matter, row)


@router.put("/matters/{code}/versions/{version}", response_model=VersionRead)
def update_version(standard: MatterStandard, session: SessionDep, actor: Editor,
                   matter: MatterDep, row: VersionDep, response: Response,
                   if_match: Annotated[str | None, Header()] = None) -> VersionRead:
    """Save a draft (If-Match with the ETag you read: missing → 428, stale → 412)."""
    row = service.update_version(session=session, matter=matter, row=row, standard=standard,
                                 if_match=if_match, actor=actor)
    with_etag(response, row)
    return version_read(matter, row)


@router.post("/matters/{code}/versions/{version}/submit", response_model=VersionRead)
def submit(session: SessionDep, actor: Editor, matter: MatterDep,
           row: VersionDep) -> VersionRead:
    """Submit a draft for review."""
    return version_read(matter, service.submit(session=session, matter=matter, row=row,
                                               actor=actor))


@router.post("/matters/{code}/versions/{version}/publish", response_model=VersionRead)
def publish(session: SessionDep, actor: Publisher, matter: MatterDep,
            row: VersionDep) -> VersionRead:
    """Publish an approved version."""
    return version_read(matter, service.publish(session=session, matter=matter, row=row,
                                                actor=actor))


@router.post("/matters/{code}/cancel", response_model=MatterRead)
def cancel(session: SessionDep, actor: Publisher, matter: MatterDep) -> MatterRead:
    """Withdraw a published matter."""
    service.cancel(session=session, matter=matter, actor=actor)
    return matter_read(matter, repository.versions_of(session=session, matter=matter))
