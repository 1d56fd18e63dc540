"""Queries of intake: who may see which application, and the rows of one application."""

from typing import Any

from sqlalchemy import ColumnElement, Table, and_, false, or_, true, tuple_
from sqlalchemy import select as select_columns
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import mandates
from intake.models import (
    Application,
    CorrectionNotice,
    Material,
    Matter,
    MatterVersion,
    StateChange,
)
from kit.auth import Principal
from kit.errors import NotFound

# The window handles every application; supervisors oversee every case, but only its
# metadata and timeliness (least privilege): never the note, the files or the opinion.
SEE_ALL = ("clerk",)
OVERSEE = ("supervisor",)
VERSIONS = "intake.versions"  # session.info: the versions read, by (code, version)
MATERIAL_FIELDS = (col(Material.id), col(Material.slot), col(Material.filename),
                   col(Material.size), col(Material.content_type), col(Material.uploaded_at))


def visible(principal: Principal) -> ColumnElement[bool]:
    """The applications `principal` may see at least the metadata of, as a WHERE clause."""
    return true() if principal.has(*OVERSEE) else visible_in_full(principal)


def visible_in_full(principal: Principal) -> ColumnElement[bool]:
    """The applications `principal` may see whole, files included, as a WHERE clause."""
    if principal.has(*SEE_ALL):
        return true()
    clauses: list[ColumnElement[bool]] = []
    if principal.has("applicant"):
        clauses.append(col(Application.applicant_sub) == principal.sub)
        if principal.enterprise:
            clauses.append(col(Application.enterprise) == principal.enterprise)
    if principal.has("butler"):
        clauses.append(mandates.active_for(principal.sub))
    if principal.has("approver") and principal.department:
        clauses.append(col(Application.department_code) == principal.department)
    return or_(*clauses) if clauses else false()


def list_applications(*, session: Session, principal: Principal, state: str | None,
                      limit: int, offset: int, window: str | None = None,
                      q: str | None = None, before: int | None = None) -> list[Any]:
    """(application's row, pinned version's id, its stored moment, seen in full) the principal
    may see, newest first, those older than application `before` when given (keyset); `window`
    the hall's window of the matter, `q` a part of the case number, the matter's name or the
    applicant's name. The page's ids come first, read in the order of the indexes of
    (state, id) and (window, state, id); only its lines are joined to their versions."""
    page = select_columns(col(Application.id)).where(visible(principal))
    if state is not None:
        page = page.where(col(Application.state) == state)
    if window is not None:
        page = page.where(col(Application.window) == window)
    if before is not None:
        page = page.where(col(Application.id) < before)
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        page = page.join(MatterVersion, _pinned()).where(or_(*(
            c.like(pattern, escape="\\") for c in (
                col(Application.case_number), col(MatterVersion.name),
                col(Application.applicant_name)))))
    ids = page.order_by(col(Application.id).desc()).limit(limit).offset(offset).subquery()
    # Plain rows, not ORM objects (a third of the list's time): a row reads as an Application
    # does, column by column.
    table: Table = Application.__table__  # type: ignore[attr-defined]  # SQLModel sets it
    query = (select_columns(table,
                            col(MatterVersion.id).label("pinned_id"),
                            col(MatterVersion.received_at).label("pinned_at"),
                            visible_in_full(principal).label("full"))
             .join(ids, ids.c.id == col(Application.id))
             .join(MatterVersion, _pinned())
             .order_by(col(Application.id).desc()))
    return [(row, row.pinned_id, row.pinned_at, row.full) for row in session.execute(query)]


def _pinned() -> ColumnElement[bool]:
    """An application joined to the matter version it was filed under."""
    return and_(col(MatterVersion.implementation_code) == col(Application.implementation_code),
                col(MatterVersion.version) == col(Application.version))


def visible_application(*, session: Session, principal: Principal, application_id: int,
                        for_update: bool = False, whole: bool = True) -> Application:
    """The application if the principal may see it whole (or, `whole=False`, its metadata);
    404 otherwise (existence does not leak)."""
    query = select(Application).where(
        col(Application.id) == application_id,
        visible_in_full(principal) if whole else visible(principal))
    if for_update:
        query = query.with_for_update()
    application = session.execute(query).scalar_one_or_none()
    if application is None:
        raise NotFound(f"No application {application_id}.")
    return application


def seen_in_full(*, session: Session, principal: Principal, application_id: int) -> bool:
    """True when the principal may see the application whole, not only its metadata."""
    return session.execute(select(col(Application.id)).where(
        col(Application.id) == application_id, visible_in_full(principal))).first() is not None


def pinned_version(*, session: Session, application: Application) -> MatterVersion:
    """The matter version the application was filed under."""
    return version_of(session=session, code=application.implementation_code,
                      version=application.version)


def version_of(*, session: Session, code: str, version: int) -> MatterVersion:
    """One stored version of a matter, read once a session (a filing asks thrice, and its
    standard is the largest row it reads)."""
    found = session.info.get(VERSIONS, {}).get((code, version))
    if found is not None and found in session:  # never changed once stored
        return found
    return held(session, session.execute(select(MatterVersion).where(
        col(MatterVersion.implementation_code) == code,
        col(MatterVersion.version) == version)).scalar_one())


def held(session: Session, version: MatterVersion) -> MatterVersion:
    """`version`, kept for `version_of` to find again in this session."""
    session.info.setdefault(VERSIONS, {})[(version.implementation_code, version.version)] = \
        version
    return version


def versions_of(*, session: Session, keys: set[tuple[str, int]]) -> dict[tuple[str, int],
                                                                         MatterVersion]:
    """Several stored versions in one query, by (code, version)."""
    if not keys:
        return {}
    rows = session.scalars(select(MatterVersion).where(
        tuple_(col(MatterVersion.implementation_code), col(MatterVersion.version)).in_(keys)))
    return {(v.implementation_code, v.version): v for v in rows}


def open_version(*, session: Session, code: str) -> MatterVersion | None:
    """The version in force of a matter open for applications, if any."""
    found = session.execute(
        select(MatterVersion).join(Matter, and_(
            col(Matter.implementation_code) == col(MatterVersion.implementation_code),
            col(Matter.current_version) == col(MatterVersion.version)))
        .where(col(Matter.implementation_code) == code, col(Matter.cancelled_at).is_(None))
    ).scalar_one_or_none()
    return held(session, found) if found is not None else None


def materials(*, session: Session, application_id: int) -> list[Any]:
    """The files of an application, without their bytes."""
    return list(session.execute(
        select_columns(*MATERIAL_FIELDS).where(col(Material.application_id) == application_id)
        .order_by(col(Material.id))).all())


def materials_of(*, session: Session, application_ids: list[int]) -> dict[int, list[Any]]:
    """The files of several applications at once, without their bytes, by application."""
    found: dict[int, list[Any]] = {i: [] for i in application_ids}
    rows = session.execute(
        select_columns(col(Material.application_id), *MATERIAL_FIELDS)
        .where(col(Material.application_id).in_(application_ids)).order_by(col(Material.id)))
    for row in rows:
        found[row[0]].append(row)
    return found


def material(*, session: Session, application_id: int, material_id: int) -> Material:
    """One file of an application, with its bytes."""
    found = session.execute(select(Material).where(
        col(Material.id) == material_id,
        col(Material.application_id) == application_id)).scalar_one_or_none()
    if found is None:
        raise NotFound(f"No material {material_id} in application {application_id}.")
    return found


def history(*, session: Session, application_id: int) -> list[StateChange]:
    """The state changes of an application, oldest first."""
    return list(session.execute(
        select(StateChange).where(col(StateChange.application_id) == application_id)
        .order_by(col(StateChange.id))).scalars())


def corrections(*, session: Session, application_id: int) -> list[CorrectionNotice]:
    """The correction notices of an application, oldest first."""
    return list(session.execute(
        select(CorrectionNotice).where(col(CorrectionNotice.application_id) == application_id)
        .order_by(col(CorrectionNotice.id))).scalars())
