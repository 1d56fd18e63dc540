"""What the catalog shows of a matter and its versions: rows turned into response models."""

from typing import Any

from fastapi import Response

from catalog.matters.schemas import MatterRead, MatterSummary, VersionRead, VersionSummary
from catalog.matters.service import etag
from catalog.models import Matter, MatterVersion


def listed(row: Any) -> MatterSummary:
    """One line of the list of matters, from a row of listing.LISTED."""
    return MatterSummary(
        implementation_code=row.implementation_code, basic_code=row.basic_code, name=row.name,
        department_code=row.department_code, current_version=row.current_version,
        latest_version=row.latest_version or 0, latest_state=row.latest_state or "",
        cancelled=row.cancelled_at is not None)


def matter_summary(matter: Matter, latest: MatterVersion) -> MatterSummary:
    """One line of the list of matters."""
    return MatterSummary(
        implementation_code=matter.implementation_code, basic_code=matter.basic_code,
        name=matter.name, department_code=matter.department_code,
        current_version=matter.current_version, latest_version=latest.version,
        latest_state=latest.state, cancelled=matter.cancelled_at is not None)


def matter_read(matter: Matter, versions: list[MatterVersion]) -> MatterRead:
    """A matter with every version (oldest first), the latest one summarized."""
    return MatterRead(**matter_summary(matter, versions[-1]).model_dump(),
                      versions=[VersionSummary.model_validate(v, from_attributes=True)
                                for v in versions])


def version_read(matter: Matter, row: MatterVersion) -> VersionRead:
    """One version with its standard and feedback."""
    return VersionRead(implementation_code=matter.implementation_code, revision=row.revision,
                       standard=row.standard, feedback=row.feedback,
                       **VersionSummary.model_validate(row, from_attributes=True).model_dump())


def with_etag(response: Response, row: MatterVersion) -> None:
    """Send the version's ETag, which a later edit must quote in If-Match."""
    response.headers["ETag"] = etag(row)
