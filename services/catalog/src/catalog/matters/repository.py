"""Queries and writes of matters and their versions, with the latest version kept on matter."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.access import visible_department
from catalog.matters.exceptions import MatterNotFound, VersionNotFound
from catalog.models import Matter, MatterVersion
from catalog.standard import MatterStandard
from kit.auth import Principal


def find_matter(*, session: Session, code: str) -> Matter | None:
    """The matter with `code`, whoever may see it."""
    return session.scalars(select(Matter).where(col(Matter.implementation_code) == code)).first()


def get_matter(*, session: Session, code: str, actor: Principal) -> Matter:
    """The matter with `code` if the actor's department may see it; 404 otherwise."""
    matter = find_matter(session=session, code=code)
    scope = visible_department(actor)
    if matter is None or (scope is not None and matter.department_code != scope):
        raise MatterNotFound(code)
    return matter


def versions_of(*, session: Session, matter: Matter) -> list[MatterVersion]:
    """Every version of a matter, oldest first."""
    return list(session.scalars(select(MatterVersion)
                                .where(col(MatterVersion.matter_id) == matter.id)
                                .order_by(col(MatterVersion.version))))


def get_version(*, session: Session, matter: Matter, version: int) -> MatterVersion:
    """Version `version` of a matter; 404 when it has none."""
    row = session.scalars(select(MatterVersion).where(
        col(MatterVersion.matter_id) == matter.id,
        col(MatterVersion.version) == version)).first()
    if row is None:
        raise VersionNotFound(matter.implementation_code, version)
    return row


def add_matter(*, session: Session, standard: MatterStandard, created_at: datetime) -> Matter:
    """A new matter's identity, named by its first standard (its versions come next)."""
    matter = Matter(implementation_code=standard.implementation_code,
                    basic_code=standard.basic_code, name=standard.name,
                    department_code=standard.department.code, created_at=created_at)
    session.add(matter)
    session.flush()
    return matter


def add_version(*, session: Session, matter: Matter, standard: MatterStandard, state: str,
                at: datetime, actor: str) -> MatterVersion:
    """The matter's next version, written at `at` in `state`, and kept on matter as its latest."""
    assert matter.id is not None, "the matter is flushed before its versions"
    row = MatterVersion(matter_id=matter.id, version=(matter.latest_version or 0) + 1,
                        state=state, standard=standard.model_dump(mode="json"),
                        effective_from=standard.effective_from, updated_at=at, updated_by=actor)
    session.add(row)
    keep_latest(matter=matter, row=row)
    session.flush()
    return row


def keep_latest(*, matter: Matter, row: MatterVersion) -> None:
    """Copy a version's number, state, type and window onto its matter when it is the latest:
    the catalog's list filters read them there. Call it after each write of a version."""
    if (matter.latest_version or 0) <= row.version:
        matter.latest_version, matter.latest_state = row.version, row.state
        matter.matter_type = (row.standard or {}).get("matter_type")
        matter.window_code = (row.standard or {}).get("window")
