"""A case's own history, read from review's audit trail: routed, assigned, reassigned, opinions,
the decision — who, when, what."""

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit.auth import Principal
from review.assignments import visible_case
from review.models import Reviewer, audit
from review.person_schemas import CaseEvent


def case_history(*, session: Session, principal: Principal, case_id: int) -> list[CaseEvent]:
    """What happened to a case, oldest first; 404 outside the caller's group."""
    visible_case(session, principal, case_id)
    return entries(session=session, case_id=case_id)


def entries(*, session: Session, case_id: int) -> list[CaseEvent]:
    """A case's audited steps, oldest first, each actor by name where review knows them."""
    rows = session.execute(
        select(audit).where(audit.c.entity == "review_case", audit.c.entity_id == str(case_id),
                            audit.c.outcome == "succeeded")
        .order_by(audit.c.id)).all()
    actors = {r.actor for r in rows}
    names = {r.username: r.display_name for r in session.scalars(
        select(Reviewer).where(col(Reviewer.username).in_(actors)))}
    return [CaseEvent(at=r.at, actor=r.actor,
                      actor_name=names.get(r.actor, r.actor),
                      action=r.action, before=r.before, after=r.after) for r in rows]
