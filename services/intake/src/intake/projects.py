"""Projects (私人定制): the enterprise asks for a butler, a butler takes the request (or an
administrator assigns it), draws up the list of matters, and files each for the enterprise."""

from typing import Any

from sqlalchemy import ColumnElement, false, or_
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import project_views, repository
from intake.butler_schemas import ItemIn, ProjectIn, ProjectOut
from intake.mandates import is_enterprise
from intake.models import Project, ProjectItem, audit
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Forbidden, Invalid, NotFound

MAX_ITEMS = 100


def request(*, session: Session, principal: Principal, project: ProjectIn) -> ProjectOut:
    """The enterprise asks the zone for a butler for a project."""
    if not is_enterprise(principal):
        raise Forbidden("Only an enterprise's own account asks for a butler for a project.")
    at = now()
    row = Project(enterprise=principal.enterprise or "",
                  enterprise_name=(principal.name or principal.enterprise or "")[:200],
                  requested_by=principal.sub, name=project.name, kind=project.kind,
                  description=project.description, location=project.location,
                  created_at=at, updated_at=at)
    session.add(row)
    session.flush()
    _audit(session, principal, "project.requested", row, {"name": row.name, "kind": row.kind})
    return project_views.shown(session, row)


def listed(*, session: Session, principal: Principal) -> list[ProjectOut]:
    """The projects the caller may follow (a butler also sees the requests nobody took)."""
    rows = session.execute(select(Project).where(_visible(principal))
                           .order_by(col(Project.id).desc()).limit(200)).scalars()
    return [project_views.shown(session, row) for row in rows]


def one(*, session: Session, principal: Principal, project_id: int) -> ProjectOut:
    """One project on one page."""
    return project_views.shown(session, visible(session, principal, project_id))


def take(*, session: Session, principal: Principal, project_id: int) -> ProjectOut:
    """A butler takes a request nobody has taken yet."""
    row = visible(session, principal, project_id, for_update=True)
    if not principal.has("butler"):
        raise Forbidden("Only a butler takes a project.")
    return _assign(session, principal, row, principal.sub, principal.name or principal.sub)


def assign(*, session: Session, principal: Principal, project_id: int, butler: str,
           butler_name: str) -> ProjectOut:
    """An administrator gives a request to a butler."""
    row = visible(session, principal, project_id, for_update=True)
    return _assign(session, principal, row, butler, butler_name or butler)


def add_item(*, session: Session, principal: Principal, project_id: int,
             item: ItemIn) -> ProjectOut:
    """The butler adds a published matter to the list, with what it needs and its limit."""
    row = _drawn_by(session, principal, project_id)
    version = repository.open_version(session=session, code=item.implementation_code)
    if version is None:
        raise Invalid(f"Matter {item.implementation_code} is not open for applications.")
    items = project_views.items_of(session, row.id or 0)
    if any(i.implementation_code == version.implementation_code for i in items):
        raise Conflict(f"{version.name} is on the list already.")
    if len(items) >= MAX_ITEMS:
        raise Invalid(f"A project lists at most {MAX_ITEMS} matters.")
    added = ProjectItem(
        project_id=row.id or 0, position=len(items),
        implementation_code=version.implementation_code,
        matter_name=version.name, department_name=version.department_name,
        committed_limit=version.committed_limit, limit_unit=version.limit_unit,
        materials=[{"name": m.get("name"), "required": m.get("required", True)}
                   for m in version.materials], added_at=now())
    session.add(added)
    session.flush()
    place = len(items) if item.position is None else min(item.position, len(items))
    _renumber(session, [*items[:place], added, *items[place:]])
    return _changed(session, principal, row, "project.item_added",
                    {"matter": added.implementation_code, "position": place})


def reorder(*, session: Session, principal: Principal, project_id: int,
            order: list[int]) -> ProjectOut:
    """The butler puts the list in a new order (every item named once)."""
    row = _drawn_by(session, principal, project_id)
    items = {i.id or 0: i for i in project_views.items_of(session, row.id or 0)}
    if sorted(order) != sorted(items) or len(set(order)) != len(order):
        raise Invalid("Name every item of the project's list once, in the new order.")
    _renumber(session, [items[i] for i in order])
    return _changed(session, principal, row, "project.reordered", {"order": order})


def remove_item(*, session: Session, principal: Principal, project_id: int,
                item_id: int) -> ProjectOut:
    """The butler takes a matter not filed yet off the list."""
    row = _drawn_by(session, principal, project_id)
    items = project_views.items_of(session, row.id or 0)
    found = next((i for i in items if i.id == item_id), None)
    if found is None:
        raise NotFound(f"No item {item_id} in project {project_id}.")
    if found.application_id is not None:
        raise Conflict("This matter was filed already: it stays on the list.")
    session.delete(found)
    _renumber(session, [i for i in items if i.id != item_id])
    return _changed(session, principal, row, "project.item_removed",
                    {"matter": found.implementation_code})


def item_to_file(*, session: Session, principal: Principal, item_id: int,
                 code: str) -> tuple[Project, ProjectItem]:
    """The project item an application is being filed for, not filed yet, of matter `code`."""
    item = session.execute(select(ProjectItem).where(col(ProjectItem.id) == item_id)
                           .with_for_update()).scalar_one_or_none()
    project = visible(session, principal, item.project_id) if item else None
    if item is None or project is None:
        raise NotFound(f"No project item {item_id}.")
    if item.implementation_code != code:
        raise Invalid(f"Project item {item_id} is matter {item.implementation_code}, not {code}.")
    if item.application_id is not None:
        raise Conflict(f"{item.matter_name} of this project was filed already.")
    return project, item


def filed(*, session: Session, principal: Principal, project: Project, item: ProjectItem,
          application_id: int) -> None:
    """Link the application filed for a project's matter to its item."""
    item.application_id = application_id
    _changed(session, principal, project, "project.item_filed",
             {"matter": item.implementation_code, "application": application_id})


def visible(session: Session, principal: Principal, project_id: int, *,
            for_update: bool = False) -> Project:
    """A project the caller may follow; 404 otherwise."""
    query = select(Project).where(col(Project.id) == project_id, _visible(principal))
    row = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if row is None:
        raise NotFound(f"No project {project_id}.")
    return row


def _visible(principal: Principal) -> ColumnElement[bool]:
    if principal.has("admin"):
        return col(Project.id).is_not(None)
    clauses: list[ColumnElement[bool]] = []
    if is_enterprise(principal):
        clauses.append(col(Project.enterprise) == principal.enterprise)
    if principal.has("butler"):
        clauses += [col(Project.butler_sub) == principal.sub, col(Project.butler_sub).is_(None)]
    return or_(*clauses) if clauses else false()


def _drawn_by(session: Session, principal: Principal, project_id: int) -> Project:
    row = visible(session, principal, project_id, for_update=True)
    if row.butler_sub != principal.sub:
        raise Forbidden("Only the project's butler draws up its list of matters.")
    return row


def _assign(session: Session, principal: Principal, row: Project, butler: str,
            name: str) -> ProjectOut:
    if row.butler_sub is not None:
        raise Conflict(f"Project {row.id} has a butler already: {row.butler_name}.")
    row.butler_sub, row.butler_name = butler, name[:100]
    row.assigned_by, row.assigned_at = principal.sub, now()
    return _changed(session, principal, row, "project.assigned", {"butler": butler})


def _renumber(session: Session, items: list[ProjectItem]) -> None:
    for position, item in enumerate(items):
        item.position = position
    session.flush()


def _changed(session: Session, principal: Principal, row: Project, action: str,
             after: dict[str, Any]) -> ProjectOut:
    row.updated_at = now()
    session.flush()
    _audit(session, principal, action, row, after)
    return project_views.shown(session, row)


def _audit(session: Session, principal: Principal, action: str, row: Project,
           after: dict[str, Any]) -> None:
    audit_trail.record(session, audit, actor=principal.sub, action=action, entity="project",
                       entity_id=str(row.id), after=after | {"enterprise": row.enterprise})
