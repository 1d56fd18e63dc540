"""Catalog API of the zone's organisation: departments and the hall's windows (administrators
write, staff and visitors read)."""

from typing import Annotated

from fastapi import APIRouter, Path

from catalog.access import Admin, Staff
from catalog.organisation import service
from catalog.organisation.schemas import (
    DepartmentChange,
    DepartmentCreate,
    DepartmentRead,
    WindowChange,
    WindowCreate,
    WindowRead,
)
from kit import limits
from kit.app import SessionDep
from kit.auth import PrincipalDep

router = APIRouter(prefix="/api/catalog/v1", tags=["organisation"])
DepartmentCode = Annotated[str, Path(min_length=1, max_length=limits.USCC)]
WindowCode = Annotated[str, Path(min_length=1, max_length=limits.WINDOW_CODE)]


@router.get("/departments")
def departments(session: SessionDep, _: Staff) -> list[DepartmentRead]:
    """Every implementing department of the zone, with its parent and windows."""
    return service.departments(session=session)


@router.post("/departments", status_code=201)
def create_department(department: DepartmentCreate, session: SessionDep,
                      actor: Admin) -> DepartmentRead:
    """Add a department (its unified social credit code is checked, and kept for good)."""
    return service.create_department(session=session, department=department, actor=actor)


@router.put("/departments/{code}")
def update_department(code: DepartmentCode, change: DepartmentChange, session: SessionDep,
                      actor: Admin) -> DepartmentRead:
    """Edit a department's name, parent and the windows it serves."""
    return service.update_department(session=session, code=code, change=change, actor=actor)


@router.get("/windows")
def windows(session: SessionDep, _: PrincipalDep) -> list[WindowRead]:
    """The windows of the service hall (public: they are posted at the hall's door)."""
    return service.windows(session=session)


@router.post("/windows", status_code=201)
def create_window(window: WindowCreate, session: SessionDep, actor: Admin) -> WindowRead:
    """Open a new window of the hall."""
    return service.create_window(session=session, window=window, actor=actor)


@router.put("/windows/{code}")
def update_window(code: WindowCode, change: WindowChange, session: SessionDep,
                  actor: Admin) -> WindowRead:
    """Rename a window, or change its place in the hall, hours and phone."""
    return service.update_window(session=session, code=code, change=change, actor=actor)
