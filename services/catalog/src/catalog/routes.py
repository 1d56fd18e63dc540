"""Catalog API for departments: matters, versions, submission, publication."""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from sqlalchemy import select

from catalog import service, sync_service
from catalog.models import Department, Matter, MatterVersion, Window
from catalog.schemas import (
    AnomalyRead,
    AnomalyResolution,
    DepartmentRead,
    MatterPage,
    MatterRead,
    MatterStandard,
    MatterSummary,
    TodoList,
    VersionRead,
    VersionSummary,
    WindowRead,
)
from kit.app import SessionDep
from kit.auth import Principal, require

router = APIRouter(prefix="/api/catalog/v1", tags=["catalog"])
STAFF = ("editor", "publisher", "admin", "supervisor", "reviewer", "lead")
Staff = Annotated[Principal, require(*STAFF)]
Editor = Annotated[Principal, require("editor", "admin")]
Publisher = Annotated[Principal, require("editor", "publisher", "admin")]


def summary(matter: Matter, latest: MatterVersion) -> MatterSummary:
    return MatterSummary(
        implementation_code=matter.implementation_code, basic_code=matter.basic_code,
        name=matter.name, department_code=matter.department_code,
        current_version=matter.current_version, latest_version=latest.version,
        latest_state=latest.state, cancelled=matter.cancelled_at is not None)


def version_read(matter: Matter, row: MatterVersion) -> VersionRead:
    return VersionRead(implementation_code=matter.implementation_code, revision=row.revision,
                       standard=row.standard, feedback=row.feedback,
                       **VersionSummary.model_validate(row, from_attributes=True).model_dump())


def with_etag(response: Response, row: MatterVersion) -> None:
    response.headers["ETag"] = service.etag(row)


@router.get("/departments", response_model=list[DepartmentRead])
def departments(session: SessionDep, _: Staff) -> list[Department]:
    """Every implementing department of the zone."""
    return list(session.scalars(select(Department).order_by(Department.name)))


@router.get("/windows", response_model=list[WindowRead])
def windows(session: SessionDep, _: Staff) -> list[Window]:
    """The windows of the service hall."""
    return list(session.scalars(select(Window).order_by(Window.code)))


@router.get("/matters", response_model=MatterPage)
def list_matters(session: SessionDep, actor: Staff,
                 q: Annotated[str | None, Query(max_length=100)] = None,
                 department: Annotated[str | None, Query(max_length=18)] = None,
                 state: Annotated[str | None, Query(max_length=20)] = None,
                 matter_type: Annotated[str | None, Query(max_length=2)] = None,
                 window: Annotated[str | None, Query(max_length=40)] = None,
                 page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                 size: Annotated[int, Query(ge=1, le=200)] = 50) -> MatterPage:
    """Matters the caller may see, each with its latest version's state; `q` searches name and
    code, `state` is the latest version's state, `matter_type` and `window` its type and window."""
    rows, total = service.list_matters(session, actor=actor, q=q, department=department,
                                       state=state, matter_type=matter_type, window=window,
                                       page=page, size=size)
    return MatterPage(items=[summary(m, v) for m, v in rows], total=total)


@router.post("/matters", response_model=VersionRead, status_code=201)
def create_matter(standard: MatterStandard, session: SessionDep, actor: Editor,
                  response: Response) -> VersionRead:
    """Draft a new matter for the editor's department (version 1)."""
    row = service.create_matter(session, standard=standard, actor=actor)
    matter = service.get_matter(session, code=standard.implementation_code, actor=actor)
    with_etag(response, row)
    return version_read(matter, row)


@router.get("/matters/{code}", response_model=MatterRead)
def get_matter(code: str, session: SessionDep, actor: Staff) -> MatterRead:
    """One matter and the list of its versions."""
    matter = service.get_matter(session, code=code, actor=actor)
    versions = service.versions_of(session, matter=matter)
    return MatterRead(**summary(matter, versions[-1]).model_dump(),
                      versions=[VersionSummary.model_validate(v, from_attributes=True)
                                for v in versions])


@router.get("/matters/{code}/versions/{version}", response_model=VersionRead)
def get_version(code: str, version: int, session: SessionDep, actor: Staff,
                response: Response) -> VersionRead:
    """One version with its standard; the ETag guards later edits."""
    matter = service.get_matter(session, code=code, actor=actor)
    row = service.get_version(session, matter=matter, version=version)
    with_etag(response, row)
    return version_read(matter, row)


@router.post("/matters/{code}/versions", response_model=VersionRead, status_code=201)
def new_version(code: str, session: SessionDep, actor: Editor,
                response: Response) -> VersionRead:
    """Start a new draft from the latest version; the published one stays in force."""
    matter = service.get_matter(session, code=code, actor=actor)
    row = service.new_version(session, matter=matter, actor=actor)
    with_etag(response, row)
    return version_read(matter, row)


@router.put("/matters/{code}/versions/{version}", response_model=VersionRead)
def update_version(code: str, version: int, standard: MatterStandard, session: SessionDep,
                   actor: Editor, response: Response,
                   if_match: Annotated[str | None, Header()] = None) -> VersionRead:
    """Save a draft (If-Match with the ETag you read: missing → 428, stale → 412)."""
    matter = service.get_matter(session, code=code, actor=actor)
    row = service.get_version(session, matter=matter, version=version)
    row = service.update_version(session, matter=matter, row=row, standard=standard,
                                 if_match=if_match, actor=actor)
    with_etag(response, row)
    return version_read(matter, row)


@router.post("/matters/{code}/versions/{version}/submit", response_model=VersionRead)
def submit(code: str, version: int, session: SessionDep, actor: Editor) -> VersionRead:
    """Submit a draft for review."""
    matter = service.get_matter(session, code=code, actor=actor)
    row = service.get_version(session, matter=matter, version=version)
    return version_read(matter, service.submit(session, matter=matter, row=row, actor=actor))


@router.post("/matters/{code}/versions/{version}/publish", response_model=VersionRead)
def publish(code: str, version: int, session: SessionDep, actor: Publisher) -> VersionRead:
    """Publish an approved version."""
    matter = service.get_matter(session, code=code, actor=actor)
    row = service.get_version(session, matter=matter, version=version)
    return version_read(matter, service.publish(session, matter=matter, row=row, actor=actor))


@router.post("/matters/{code}/cancel", response_model=MatterRead)
def cancel(code: str, session: SessionDep, actor: Publisher) -> MatterRead:
    """Withdraw a published matter."""
    service.cancel(session, matter=service.get_matter(session, code=code, actor=actor),
                   actor=actor)
    return get_matter(code, session, actor)


@router.get("/todo", response_model=TodoList)
def todo(session: SessionDep, actor: Staff) -> Any:
    """The to-do list: provincial anomalies, legal-basis revisions, returned reviews."""
    return sync_service.department_todo(session, department=service.visible_department(actor))


@router.post("/anomalies/{anomaly_id}/resolve", response_model=AnomalyRead)
def resolve_anomaly(anomaly_id: str, body: AnomalyResolution, session: SessionDep,
                    actor: Editor) -> Any:
    """Close a provincial anomaly with a written answer."""
    return sync_service.resolve_anomaly(session, anomaly_id=anomaly_id, answer=body.answer,
                                        actor=actor.sub,
                                        department=service.visible_department(actor))
