"""A matter by code on the part's read engine (kit.reads): async, one round trip, Core only —
the matter's columns beside each version's summary, never the versions' standards."""

from sqlalchemy import bindparam, select
from sqlmodel import col

from catalog.access import visible_department
from catalog.matters.exceptions import MatterNotFound
from catalog.matters.schemas import MatterRead, VersionSummary
from catalog.models import Matter, MatterVersion
from kit.auth import Principal
from kit.reads import Reader

# Built once; the names do not clash, so each row reads as a matter and as a version.
MATTER = (
    select(col(Matter.implementation_code), col(Matter.basic_code), col(Matter.name),
           col(Matter.department_code), col(Matter.current_version), col(Matter.cancelled_at),
           *(col(getattr(MatterVersion, name)) for name in VersionSummary.model_fields))
    .join_from(Matter, MatterVersion, col(MatterVersion.matter_id) == col(Matter.id))
    .where(col(Matter.implementation_code) == bindparam("code"))
    .order_by(col(MatterVersion.version)))


async def matter_read(*, reader: Reader, code: str, actor: Principal) -> MatterRead:
    """The matter `code` with every version (oldest first), the latest one summarized; 404
    when the actor's department may not see it (as `repository.get_matter`)."""
    rows = await reader.all(MATTER, {"code": code})
    scope = visible_department(actor)
    if not rows or (scope is not None and rows[0].department_code != scope):
        raise MatterNotFound(code)
    matter, latest = rows[0], rows[-1]
    return MatterRead(
        implementation_code=matter.implementation_code, basic_code=matter.basic_code,
        name=matter.name, department_code=matter.department_code,
        current_version=matter.current_version, latest_version=latest.version,
        latest_state=latest.state, cancelled=matter.cancelled_at is not None,
        versions=[VersionSummary.model_validate(row, from_attributes=True) for row in rows])
