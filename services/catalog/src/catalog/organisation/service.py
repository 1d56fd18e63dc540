"""Departments and windows, created and edited by the zone's administrator, every change
audited. A department's code (its unified social credit code) and a window's code are keys
matters refer to: they are set once and never edited."""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.models import Department, DepartmentWindow, Window, audit
from catalog.organisation.schemas import (
    DepartmentChange,
    DepartmentCreate,
    DepartmentRead,
    WindowChange,
    WindowCreate,
    WindowRead,
)
from kit import audit as audit_trail
from kit.auth import Principal
from kit.errors import Conflict, Invalid, NotFound


def departments(*, session: Session) -> list[DepartmentRead]:
    """Every department by name, with its parent and the windows that receive its matters."""
    served: dict[str, list[str]] = {}
    for link in session.scalars(select(DepartmentWindow).order_by(
            col(DepartmentWindow.window_code))):
        served.setdefault(link.department_code, []).append(link.window_code)
    rows = session.scalars(select(Department).order_by(col(Department.name)))
    return [_read(row, served.get(row.code, [])) for row in rows]


def windows(*, session: Session) -> list[WindowRead]:
    """The windows of the hall by code."""
    rows = session.scalars(select(Window).order_by(col(Window.code)))
    return [window_read(w) for w in rows]


def window_read(row: Window) -> WindowRead:
    """A window as the API shows it (and as publish receives it with each publication)."""
    return WindowRead(code=row.code, name=row.name, address=row.address or None,
                      hours=row.hours or None, phone=row.phone or None)


def create_department(*, session: Session, department: DepartmentCreate,
                      actor: Principal) -> DepartmentRead:
    """Add a department; its code must be new, its parent and windows must exist."""
    if session.get(Department, department.code) is not None:
        raise Conflict(f"A department with code {department.code} already exists.")
    row = Department(code=department.code, name=department.name)
    _check_parent(session, department.code, department.parent_code)
    row.parent_code = department.parent_code
    session.add(row)
    session.flush()
    served = _serve(session, row.code, department.windows)
    after = _read(row, served).model_dump()
    audit_trail.record(session, audit, actor=actor.sub, action="department.created",
                       entity="department", entity_id=row.code, after=after)
    return _read(row, served)


def update_department(*, session: Session, code: str, change: DepartmentChange,
                      actor: Principal) -> DepartmentRead:
    """Rename a department, move it under another parent, change the windows it serves."""
    row = session.get(Department, code)
    if row is None:
        raise NotFound(f"Department {code} was not found.")
    before = _read(row, _served(session, code)).model_dump()
    _check_parent(session, code, change.parent_code)
    row.name, row.parent_code = change.name, change.parent_code
    served = _serve(session, code, change.windows)
    after = _read(row, served).model_dump()
    audit_trail.record(session, audit, actor=actor.sub, action="department.updated",
                       entity="department", entity_id=code, before=before, after=after)
    return _read(row, served)


def create_window(*, session: Session, window: WindowCreate, actor: Principal) -> WindowRead:
    """Open a new window of the hall."""
    if session.get(Window, window.code) is not None:
        raise Conflict(f"A window with code {window.code} already exists.")
    row = Window(**window.model_dump())
    session.add(row)
    session.flush()
    after = window_read(row)
    audit_trail.record(session, audit, actor=actor.sub, action="window.created",
                       entity="window", entity_id=window.code, after=after.model_dump())
    return after


def update_window(*, session: Session, code: str, change: WindowChange,
                  actor: Principal) -> WindowRead:
    """Rename a window or change its place, hours and phone (its code stays: matters and
    tickets refer to it)."""
    row = session.get(Window, code)
    if row is None:
        raise NotFound(f"Window {code} was not found.")
    before = window_read(row)
    for name, value in change.model_dump().items():
        setattr(row, name, value if name == "name" else value or None)
    session.flush()
    after = window_read(row)
    audit_trail.record(session, audit, actor=actor.sub, action="window.updated",
                       entity="window", entity_id=code, before=before.model_dump(),
                       after=after.model_dump())
    return after


def _read(row: Department, served: list[str]) -> DepartmentRead:
    return DepartmentRead(code=row.code, name=row.name, is_pilot=row.is_pilot,
                          parent_code=row.parent_code, windows=served)


def _check_parent(session: Session, code: str, parent: str | None) -> None:
    """The parent exists, and is neither the department nor one of its own sub-departments."""
    seen = {code}
    while parent is not None:
        if parent in seen:
            raise Invalid(f"Department {code} cannot sit under {parent}: "
                          "that would make a department its own parent.")
        above = session.get(Department, parent)
        if above is None:
            raise Invalid(f"The parent department {parent} does not exist.")
        seen.add(parent)
        parent = above.parent_code


def _served(session: Session, code: str) -> list[str]:
    return list(session.scalars(select(col(DepartmentWindow.window_code)).where(
        col(DepartmentWindow.department_code) == code).order_by(
        col(DepartmentWindow.window_code))))


def _serve(session: Session, code: str, wanted: list[str]) -> list[str]:
    """Replace the windows a department serves; each must exist."""
    chosen = sorted(set(wanted))
    known = set(session.scalars(select(col(Window.code)).where(col(Window.code).in_(chosen))))
    if unknown := [w for w in chosen if w not in known]:
        raise Invalid(f"No such window: {', '.join(unknown)}.")
    session.execute(delete(DepartmentWindow).where(
        col(DepartmentWindow.department_code) == code))
    session.add_all([DepartmentWindow(department_code=code, window_code=w) for w in chosen])
    session.flush()
    return chosen
