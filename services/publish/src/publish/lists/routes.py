"""The three public lists, their downloads, and the open-data dump. Anyone may read them
(the gateway sends `public` for an anonymous visitor)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from kit.app import SessionDep
from kit.auth import require
from publish.lists import download, service
from publish.lists.schemas import (
    Download,
    ListName,
    ListPage,
    PowerListItem,
    ProcessItem,
    ResponsibilityItem,
)
from publish.routes import NOT_MODIFIED, READERS, IfNoneMatch, answer
from publish.schemas import ListFilters

router = APIRouter(prefix="/api/publish/v1", tags=["publish"], dependencies=[require(*READERS)])
Filters = Annotated[ListFilters, Query()]
Asked = Annotated[Download, Query()]
JSONLD = "application/ld+json"
FILE: dict[int | str, dict[str, Any]] = {
    200: {"description": "The whole filtered list as CSV (UTF-8 with BOM) or JSON",
          "content": {"text/csv": {}, "application/json": {}}}}


@router.get("/power-list", response_model=ListPage[PowerListItem], responses=NOT_MODIFIED)
def power_list(filters: Filters, session: SessionDep,
               if_none_match: IfNoneMatch = None) -> Response:
    """The power list (权力清单), searchable by name or code and filtered (ETag; 304 when
    the client's copy is current)."""
    return answer(service.page(session=session, name="power-list", filters=filters),
                  if_none_match)


@router.get("/responsibility-list", response_model=ListPage[ResponsibilityItem],
            responses=NOT_MODIFIED)
def responsibility_list(filters: Filters, session: SessionDep,
                        if_none_match: IfNoneMatch = None) -> Response:
    """The responsibility list (责任清单): duties, accountability, consultation and complaint
    (ETag; 304 when the client's copy is current)."""
    return answer(service.page(session=session, name="responsibility-list", filters=filters),
                  if_none_match)


@router.get("/process-list", response_model=ListPage[ProcessItem], responses=NOT_MODIFIED)
def process_list(filters: Filters, session: SessionDep,
                 if_none_match: IfNoneMatch = None) -> Response:
    """The process list (流程清单): steps with posts and limits, committed and statutory (ETag;
    304 when the client's copy is current)."""
    return answer(service.page(session=session, name="process-list", filters=filters),
                  if_none_match)


def _file(session: Any, name: ListName, asked: Download) -> Response:
    items = service.whole(session=session, name=name, filters=asked.filters())
    changed = service.last_changed(session=session)
    if asked.format == "csv":
        body, media = download.as_csv(name, items), "text/csv; charset=utf-8"
    else:
        body = download.as_json(name, items, last_changed=changed,
                                filters=asked.model_dump(exclude={"format"}))
        media = "application/json"
    attachment = download.filename(name, asked.format, changed)
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{attachment}"'})


@router.get("/power-list/download", response_class=Response, responses=FILE)
def power_list_download(asked: Asked, session: SessionDep) -> Response:
    """The whole filtered power list as a file (`format=csv` or `json`)."""
    return _file(session, "power-list", asked)


@router.get("/responsibility-list/download", response_class=Response, responses=FILE)
def responsibility_list_download(asked: Asked, session: SessionDep) -> Response:
    """The whole filtered responsibility list as a file (`format=csv` or `json`)."""
    return _file(session, "responsibility-list", asked)


@router.get("/process-list/download", response_class=Response, responses=FILE)
def process_list_download(asked: Asked, session: SessionDep) -> Response:
    """The whole filtered process list as a file (`format=csv` or `json`)."""
    return _file(session, "process-list", asked)


@router.get("/open-data/catalog.jsonld", response_class=Response,
            responses={200: {"description": "CPSV-AP 3.2.0 JSON-LD", "content": {JSONLD: {}}}})
def open_data(session: SessionDep) -> Response:
    """Every matter on the lists as one CPSV-AP JSON-LD document (@context and @graph)."""
    return Response(download.jsonld(service.open_data(session=session)), media_type=JSONLD,
                    headers={"Content-Disposition": 'inline; filename="catalog.jsonld"'})
