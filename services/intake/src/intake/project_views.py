"""A project as its butler and its enterprise follow it: each matter's state, who it waits
on, the next step, and the expected time by the committed limits."""

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake.butler_schemas import FiledOut, ItemOut, NextStep, ProjectOut, WaitingOn
from intake.models import Application, Project, ProjectItem

# An application's state → who the matter waits on and what happens next.
BY_STATE: dict[str, tuple[WaitingOn | None, NextStep]] = {
    "submitted": ("window", "accept"), "corrected": ("window", "accept"),
    "correction_requested": ("applicant", "correct"), "accepted": ("department", "decide"),
}
DONE: tuple[WaitingOn | None, NextStep] = (None, "done")


def items_of(session: Session, project_id: int) -> list[ProjectItem]:
    """The project's list of matters, in order."""
    return list(session.execute(select(ProjectItem).where(
        col(ProjectItem.project_id) == project_id)
        .order_by(col(ProjectItem.position), col(ProjectItem.id))).scalars())


def shown(session: Session, row: Project) -> ProjectOut:
    """The project on one page (its applications read in one query)."""
    items = items_of(session, row.id or 0)
    filed_ids = [i.application_id for i in items if i.application_id is not None]
    applications = {a.id: a for a in session.execute(select(Application).where(
        col(Application.id).in_(filed_ids))).scalars()} if filed_ids else {}
    shown_items, day, first_unfiled = [], 0, True
    for item in items:
        day += item.committed_limit
        application = applications.get(item.application_id)
        out = _item(item, application, day, first_unfiled)
        first_unfiled = first_unfiled and application is not None
        shown_items.append(out)
    waiting_on, next_step = _project_next(row, shown_items)
    return ProjectOut(
        id=row.id or 0, enterprise=row.enterprise, enterprise_name=row.enterprise_name,
        requested_by=row.requested_by, name=row.name, kind=row.kind,
        description=row.description, location=row.location, butler=row.butler_sub,
        butler_name=row.butler_name, assigned_at=row.assigned_at, created_at=row.created_at,
        items=shown_items, total_days=day, waiting_on=waiting_on, next_step=next_step)


def _item(item: ProjectItem, application: Application | None, day: int,
          first_unfiled: bool) -> ItemOut:
    waiting_on: WaitingOn | None
    next_step: NextStep
    filed: FiledOut | None = None
    if application is None:
        # Matters are filed in the list's order: only the first unfiled one is due now.
        waiting_on, next_step, state = ("butler" if first_unfiled else None), "file", "not_filed"
    else:
        waiting_on, next_step = BY_STATE.get(application.state, DONE)
        state = application.state
        filed = FiledOut(id=application.id or 0, case_number=application.case_number,
                         state=application.state, due_date=application.due_date)
    return ItemOut(
        id=item.id or 0, position=item.position, implementation_code=item.implementation_code,
        matter_name=item.matter_name, department_name=item.department_name,
        committed_limit=item.committed_limit, limit_unit=item.limit_unit,
        materials=item.materials, done_by_day=day, application=filed, state=state,
        waiting_on=waiting_on, next_step=next_step)


def _project_next(row: Project, items: list[ItemOut]) -> tuple[WaitingOn | None, NextStep]:
    """The project's next step: a butler, a list, then the first matter not done."""
    if row.butler_sub is None:
        return None, "assign_butler"
    if not items:
        return "butler", "draw_up"
    pending = next((i for i in items if i.next_step != "done"), None)
    return (pending.waiting_on, pending.next_step) if pending else DONE
