"""Catalog API of versions: history, contract documents, cancelling, diffs, reform metrics."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from catalog.access import Editor, Staff
from catalog.matters import repository, service
from catalog.matters.dependencies import MatterDep, VersionDep, VersionNumber
from catalog.matters.schemas import VersionRead, VersionSummary
from catalog.matters.views import version_read
from catalog.models import Matter
from catalog.versions import history
from catalog.versions.metrics import report
from catalog.versions.schemas import ReformMetrics, VersionDiff, VersionEntry
from kit.app import SessionDep
from kit.auth import PrincipalDep

router = APIRouter(prefix="/api/catalog/v1", tags=["catalog versions"])


def readable_matter(code: str, session: SessionDep, actor: PrincipalDep) -> Matter:
    """The matter `code` when the caller may read its history (review groups read any)."""
    return history.readable_matter(session=session, code=code, actor=actor)


ReadableMatter = Annotated[Matter, Depends(readable_matter)]


@router.get("/matters/{code}/versions", response_model=list[VersionEntry])
def list_versions(session: SessionDep, _: Staff, matter: ReadableMatter) -> list[VersionEntry]:
    """Every version of a matter, oldest first, with its state, time in force, standard and
    feedback."""
    versions = repository.versions_of(session=session, matter=matter)
    ended = history.superseded_at(versions)
    return [VersionEntry(**VersionSummary.model_validate(v, from_attributes=True).model_dump(),
                         superseded_at=ended.get(v.version), standard=v.standard,
                         feedback=v.feedback) for v in versions]


@router.get("/matters/{code}/versions/{version}/document")
def version_document(version: VersionNumber, session: SessionDep, _: Staff,
                     matter: ReadableMatter) -> dict[str, Any]:
    """One version in the provincial contract's matter-document format."""
    return service.document(repository.get_version(session=session, matter=matter,
                                                   version=version))


@router.post("/matters/{code}/versions/{version}/cancel", response_model=VersionRead)
def cancel_version(session: SessionDep, actor: Editor, matter: MatterDep,
                   row: VersionDep) -> VersionRead:
    """Abandon a draft, a returned version or one scheduled for a later date."""
    return version_read(matter, service.cancel_version(session=session, matter=matter, row=row,
                                                       actor=actor))


@router.get("/matters/{code}/diff", response_model=VersionDiff)
def diff(session: SessionDep, _: Staff, matter: ReadableMatter,
         start: Annotated[int | None, Query(alias="from", ge=1, le=2**31 - 1)] = None,
         end: Annotated[int | None, Query(alias="to", ge=1, le=2**31 - 1)] = None) -> Any:
    """Element-level diff from version `from` (default: the one before `to`) to version `to`
    (default: the latest)."""
    return history.version_diff(session=session, matter=matter, start=start, end=end)


@router.get("/reform-metrics", response_model=ReformMetrics)
def metrics(session: SessionDep, _: Staff, since: date, until: date | None = None,
            department: Annotated[str | None, Query(max_length=18)] = None) -> Any:
    """What standardization changed since a date, for the zone and each department."""
    return report(session=session, since=since, until=until, department=department or None)
