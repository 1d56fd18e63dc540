"""The basic catalog (基本目录) the province pushes, and local matters derived from its entries."""

from typing import Any

from pydantic import ValidationError
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.access import visible_department
from catalog.matters import service
from catalog.models import BaseCatalogEntry, Department, Matter, MatterVersion, Window, audit
from catalog.standard import MatterStandard
from kit.audit import record
from kit.auth import Principal
from kit.clock import china_today
from kit.errors import Conflict, Invalid, NotFound, invalid_from

TO_COMPILE = "（待编制）"


def list_entries(*, session: Session, actor: Principal, q: str | None, page: int, size: int,
                 include_cancelled: bool = False) -> tuple[list[dict[str, Any]], int]:
    """Basic-catalog entries by code, each with the local matters that implement it."""
    where: list[ColumnElement[bool]] = []
    if not include_cancelled:
        where.append(col(BaseCatalogEntry.cancelled).is_(False))
    if q:
        escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(or_(*(func.lower(c).like(f"%{escaped}%", escape="\\")
                           for c in (BaseCatalogEntry.name, BaseCatalogEntry.basic_code))))
    total = session.scalar(select(func.count()).select_from(BaseCatalogEntry).where(*where)) or 0
    entries = list(session.scalars(select(BaseCatalogEntry).where(*where)
                                   .order_by(col(BaseCatalogEntry.basic_code))
                                   .offset((page - 1) * size).limit(size)))
    implemented = _implementing(session, actor=actor, codes=[e.basic_code for e in entries])
    return [{**e.model_dump(mode="json"), "matters": implemented.get(e.basic_code, [])}
            for e in entries], total


def _implementing(session: Session, *, actor: Principal,
                  codes: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The caller's visible matters implementing each basic code, with the derived ones marked."""
    query = (select(Matter, col(MatterVersion.standard)["derived_from"].as_string())
             .join(MatterVersion, (col(MatterVersion.matter_id) == Matter.id)
                   & (col(MatterVersion.version) == Matter.latest_version))
             .where(col(Matter.basic_code).in_(codes))
             .order_by(col(Matter.implementation_code)))
    scope = visible_department(actor)
    if scope is not None:
        query = query.where(col(Matter.department_code) == scope)
    found: dict[str, list[dict[str, Any]]] = {}
    for matter, derived_from in session.execute(query).tuples():
        found.setdefault(matter.basic_code, []).append({
            "implementation_code": matter.implementation_code, "name": matter.name,
            "department_code": matter.department_code, "latest_state": matter.latest_state,
            "derived": derived_from == matter.basic_code})
    return found


def derived_standard(entry: BaseCatalogEntry, *, implementation_code: str,
                     department: Department, window: Window) -> MatterStandard:
    """A draft prefilled from the entry (name, type, level, legal basis, basic code), linked to
    it by `derived_from`; what the province does not say is left for the editor to compile."""
    return MatterStandard.model_validate({
        "implementation_code": implementation_code, "basic_code": entry.basic_code,
        "derived_from": entry.basic_code, "name": entry.name, "matter_type": entry.matter_type,
        "exercise_level": entry.exercise_level,
        "department": {"code": department.code, "name": department.name},
        "window": window.code, "service_objects": ["enterprise"],
        "legal_basis": entry.legal_basis or [], "conditions": [], "materials": [],
        "statutory_limit": 0, "committed_limit": 0, "limit_unit": "working_day",
        "limit_explanation": f"时限{TO_COMPILE}", "fees": [],
        "steps": [{"name": "受理", "actor": window.name, "limit": 0}],
        "discretion_benchmarks": [],
        "channels": {"online": False, "online_depth": None, "onsite_visits": 0,
                     "onsite_reason": None},
        "result": {"name": f"{entry.name}审批结果{TO_COMPILE}", "type": TO_COMPILE},
        # a derived draft takes effect from the day it is written (in China), until edited
        "effective_from": china_today().isoformat(),
    })


def derive(*, session: Session, basic_code: str, implementation_code: str, window: str,
           department: str | None, actor: Principal) -> tuple[Matter, MatterVersion]:
    """Create a draft local matter from a basic-catalog entry, keeping the link to it."""
    entry = session.get(BaseCatalogEntry, basic_code)
    if entry is None:
        raise NotFound(f"No basic-catalog entry {basic_code!r}.")
    if entry.cancelled:
        raise Conflict(f"The basic-catalog entry {basic_code!r} has been cancelled.")
    own = department if actor.has("admin") and department else actor.department
    body = session.get(Department, own or "")
    place = session.get(Window, window)
    if body is None or place is None:
        loc, what = ("department", "unknown department") if body is None else (
            "window", "unknown window")
        raise Invalid(f"Choose a known {loc}.", errors=[{"loc": ["body", loc], "msg": what}])
    try:
        standard = derived_standard(entry, implementation_code=implementation_code,
                                    department=body, window=place)
    except ValidationError as exc:  # an entry pushed before the contract's checks, say
        raise invalid_from(exc, "The basic-catalog entry cannot start a valid standard.",
                           prefix=["entry"]) from exc
    matter, row = service.create_matter(session=session, standard=standard, actor=actor)
    record(session, audit, actor=actor.sub, action="matter.derived", entity="matter",
           entity_id=implementation_code,
           after={"derived_from": basic_code, "department": body.code, "window": place.code})
    return matter, row
