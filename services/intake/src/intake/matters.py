"""Intake's copy of published matters, fed by catalog's events."""

from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake.models import Matter, MatterVersion, audit
from intake.schemas import (
    DepartmentRef,
    MatterCancelled,
    MatterDocument,
    MatterPublished,
    MatterSummary,
)
from kit import audit as audit_trail
from kit.clock import now

CATALOG = "service:catalog"


def on_published(*, session: Session, event: MatterPublished) -> None:
    """`matter_version.published`: pin the version and put it in force."""
    store_published(session=session, document=event.matter, original=event.document)


def on_cancelled(*, session: Session, event: MatterCancelled) -> None:
    """`matter.cancelled`: no new applications for this matter."""
    cancel(session=session, cancelled=event)


def store_published(*, session: Session, document: MatterDocument,
                    original: dict[str, Any]) -> None:
    """Pin a copy of a published version and make it the one in force for new applications."""
    code, version = document.implementation_code, document.version
    if _version_id(session, code, version) is None:
        session.add(_pinned_copy(document, original))
    matter = session.get(Matter, code)
    before = _matter_state(matter)
    if matter is None:
        matter = Matter(implementation_code=code, current_version=version, updated_at=now())
        session.add(matter)
    elif version >= matter.current_version:
        matter.current_version, matter.updated_at = version, now()
    if matter.cancelled_version is not None and version > matter.cancelled_version:
        matter.cancelled_version, matter.cancelled_at = None, None
    session.flush()
    audit_trail.record(session, audit, actor=CATALOG, action="matter.published", entity="matter",
                       entity_id=code, before=before, after=_matter_state(matter))


def cancel(*, session: Session, cancelled: MatterCancelled) -> None:
    """Close a matter to new applications; applications already filed go on."""
    matter = session.get(Matter, cancelled.implementation_code)
    if matter is None:
        return  # never published here: nothing to close
    before = _matter_state(matter)
    matter.cancelled_version = cancelled.version or matter.current_version
    matter.cancelled_at = cancelled.cancelled_at or now()
    matter.updated_at = now()
    session.flush()
    audit_trail.record(session, audit, actor=CATALOG, action="matter.cancelled", entity="matter",
                       entity_id=matter.implementation_code, before=before,
                       after=_matter_state(matter))


def list_open(*, session: Session) -> list[MatterSummary]:
    """The matters open for applications, in their version in force."""
    rows = session.execute(
        select(MatterVersion).join(Matter, (
            col(Matter.implementation_code) == col(MatterVersion.implementation_code))
            & (col(Matter.current_version) == col(MatterVersion.version)))
        .where(col(Matter.cancelled_at).is_(None))
        .order_by(col(MatterVersion.implementation_code))).scalars()
    return [summary(v) for v in rows]


def summary(version: MatterVersion) -> MatterSummary:
    """The public view of one stored version."""
    return MatterSummary(
        implementation_code=version.implementation_code, name=version.name,
        version=version.version, committed_limit=version.committed_limit,
        limit_unit=version.limit_unit,
        department=DepartmentRef(code=version.department_code, name=version.department_name))


def _version_id(session: Session, code: str, version: int) -> int | None:
    return session.execute(select(MatterVersion.id).where(
        col(MatterVersion.implementation_code) == code,
        col(MatterVersion.version) == version)).scalar_one_or_none()


def _pinned_copy(document: MatterDocument, original: dict[str, Any]) -> MatterVersion:
    # A published version never changes, so the first copy received is kept as is.
    return MatterVersion(
        implementation_code=document.implementation_code, version=document.version,
        name=document.name, department_code=document.department.code,
        department_name=document.department.name, window=document.window,
        committed_limit=document.committed_limit,
        limit_unit=document.limit_unit, materials=document.materials,
        document=original, published_at=document.published_at,
        received_at=now())


def _matter_state(matter: Matter | None) -> dict[str, object] | None:
    if matter is None:
        return None
    cancelled = matter.cancelled_at.isoformat() if matter.cancelled_at else None
    return {"current_version": matter.current_version, "cancelled_at": cancelled}
