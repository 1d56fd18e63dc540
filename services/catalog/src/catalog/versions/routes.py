"""Catalog API of versions: history, contract documents, cancelling, diffs, reform metrics."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from catalog import service
from catalog.routes import STAFF, Editor, version_read
from catalog.schemas import VersionRead, VersionSummary
from catalog.versions import history
from catalog.versions.metrics import report
from catalog.versions.schemas import ReformMetrics, VersionDiff, VersionEntry
from kit.app import SessionDep
from kit.auth import Principal, require

router = APIRouter(prefix="/api/catalog/v1", tags=["catalog versions"])
Reader = Annotated[Principal, require(*STAFF)]
VersionNumber = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/matters/{code}/versions", response_model=list[VersionEntry])
def list_versions(code: str, session: SessionDep, actor: Reader) -> list[VersionEntry]:
    """Every version of a matter, oldest first, with its state, time in force, standard and
    feedback."""
    matter = history.readable_matter(session, code=code, actor=actor)
    versions = service.versions_of(session, matter=matter)
    ended = history.superseded_at(versions)
    return [VersionEntry(**VersionSummary.model_validate(v, from_attributes=True).model_dump(),
                         superseded_at=ended.get(v.version), standard=v.standard,
                         feedback=v.feedback) for v in versions]


@router.get("/matters/{code}/versions/{version}/document")
def version_document(code: str, version: VersionNumber, session: SessionDep,
                     actor: Reader) -> dict[str, Any]:
    """One version in the provincial contract's matter-document format."""
    matter = history.readable_matter(session, code=code, actor=actor)
    return service.document(matter, service.get_version(session, matter=matter, version=version))


@router.post("/matters/{code}/versions/{version}/cancel", response_model=VersionRead)
def cancel_version(code: str, version: VersionNumber, session: SessionDep,
                   actor: Editor) -> VersionRead:
    """Abandon a draft, a returned version or one scheduled for a later date."""
    matter = service.get_matter(session, code=code, actor=actor)
    row = service.get_version(session, matter=matter, version=version)
    return version_read(matter, service.cancel_version(session, matter=matter, row=row,
                                                       actor=actor))


@router.get("/matters/{code}/diff", response_model=VersionDiff)
def diff(code: str, session: SessionDep, actor: Reader,
         start: Annotated[int | None, Query(alias="from", ge=1, le=2**31 - 1)] = None,
         end: Annotated[int | None, Query(alias="to", ge=1, le=2**31 - 1)] = None) -> Any:
    """Element-level diff from version `from` (default: the one before `to`) to version `to`
    (default: the latest)."""
    matter = history.readable_matter(session, code=code, actor=actor)
    return history.version_diff(session, matter=matter, start=start, end=end)


@router.get("/reform-metrics", response_model=ReformMetrics)
def metrics(session: SessionDep, _: Reader, since: date, until: date | None = None,
            department: Annotated[str | None, Query(max_length=18)] = None) -> Any:
    """What standardization changed since a date, for the zone and each department."""
    return report(session, since=since, until=until, department=department or None)
