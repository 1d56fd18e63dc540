"""The template and the export: the catalog's matters written into the same workbook."""

from datetime import date
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased
from sqlmodel import col

from catalog.access import visible_department
from catalog.excel.template import template_bytes
from catalog.excel.writer import export_bytes
from catalog.models import Department, Matter, MatterVersion, Window
from kit.auth import Principal
from kit.errors import Invalid

EXPORT_LIMIT = 5000
Which = Literal["latest", "current"]


def reference_lists(*, session: Session, actor: Principal) -> tuple[dict[str, str],
                                                                     dict[str, str]]:
    """Windows of the hall, and the departments the caller may write for (code → name)."""
    windows = {w.code: w.name for w in session.scalars(select(Window).order_by(col(Window.code)))}
    query = select(Department).order_by(col(Department.code))
    scope = visible_department(actor)
    if scope is not None:
        query = query.where(col(Department.code) == scope)
    return windows, {d.code: d.name for d in session.scalars(query)}


def template_file(*, session: Session, actor: Principal) -> bytes:
    """The empty template, its drop-down lists filled from the catalog."""
    windows, departments = reference_lists(session=session, actor=actor)
    return template_bytes(windows=windows, departments=departments)


def exported_standards(*, session: Session, actor: Principal, department: str | None,
                       which: Which) -> list[dict[str, Any]]:
    """The standards of the matters the caller sees (not cancelled): each matter's latest
    version, or the published version in force."""
    version: Any = col(Matter.current_version)
    if which == "latest":
        other = aliased(MatterVersion)
        version = (select(func.max(other.version)).where(col(other.matter_id) == Matter.id)
                   .correlate(Matter).scalar_subquery())
    query = (select(col(MatterVersion.standard))
             .join(Matter, col(Matter.id) == MatterVersion.matter_id)
             .where(col(MatterVersion.version) == version, col(Matter.cancelled_at).is_(None))
             .order_by(col(Matter.implementation_code)))
    scope = visible_department(actor)
    for wanted in (scope, department):
        if wanted is not None:
            query = query.where(col(Matter.department_code) == wanted)
    standards = list(session.scalars(query.limit(EXPORT_LIMIT + 1)))
    if len(standards) > EXPORT_LIMIT:
        raise Invalid(f"More than {EXPORT_LIMIT} matters: export one department at a time.",
                      errors=[{"loc": ["query", "department"], "msg": "too many matters"}])
    return standards


def export_file(*, session: Session, actor: Principal, department: str | None,
                which: Which) -> tuple[bytes, str]:
    """The export workbook and a name for the file (department and date)."""
    standards = exported_standards(session=session, actor=actor, department=department, which=which)
    windows, departments = reference_lists(session=session, actor=actor)
    chosen = department or visible_department(actor)
    label = departments.get(chosen or "", "全部部门")
    kind = "已发布版本" if which == "current" else "最新版本"
    name = f"事项标准-{label}-{kind}-{date.today().isoformat()}.xlsx"
    return export_bytes(standards, windows=windows, departments=departments), name
