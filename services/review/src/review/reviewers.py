"""The reviewers review knows: accounts with the reviewer or lead role, fed by the gateway's
`account.changed` events (and, for the demo zone, seeded by the demo loader)."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import now
from review.models import Reviewer, audit
from review.person_schemas import AccountChanged, ReviewerPublic

GATEWAY = "service:gateway"
REVIEW_ROLES = ("reviewer", "lead")


def on_account_changed(*, session: Session, event: AccountChanged) -> None:
    """`account.changed`: keep the reviewer's row; an account that is no reviewer (any more)
    is kept inactive, so its past assignments still name it."""
    reviews = any(role in REVIEW_ROLES for role in event.roles)
    row = session.get(Reviewer, event.username)
    if row is None and not reviews:
        return
    before = _state(row) if row is not None else None
    row = row or Reviewer(username=event.username, display_name=event.display_name,
                          updated_at=now())
    row.display_name, row.unit, row.group_code = event.display_name, event.unit, event.group_code
    row.is_lead, row.active = "lead" in event.roles, event.active and reviews
    row.updated_at = now()
    session.add(row)
    session.flush()
    if before != _state(row):
        audit_trail.record(session, audit, actor=GATEWAY, action="reviewer.changed",
                           entity="reviewer", entity_id=row.username, before=before,
                           after=_state(row))


def seed(*, session: Session, reviewers: list[dict[str, Any]], actor: str) -> int:
    """Add the reviewers not known yet (the demo zone's); how many were added."""
    known = set(session.scalars(select(col(Reviewer.username))))
    added = [Reviewer(**r, active=True, updated_at=now()) for r in reviewers
             if r["username"] not in known]
    for row in added:
        session.add(row)
        session.flush()
        audit_trail.record(session, audit, actor=actor, action="reviewer.changed",
                           entity="reviewer", entity_id=row.username, after=_state(row))
    return len(added)


def list_reviewers(*, session: Session, principal: Principal,
                   group: str | None = None) -> list[ReviewerPublic]:
    """The reviewers of the caller's group (any group for admins and supervisors), by group,
    leads first, then by name."""
    if not principal.has("admin", "supervisor"):
        if principal.group is None:
            return []
        group = principal.group
    query = select(Reviewer).order_by(col(Reviewer.group_code), col(Reviewer.is_lead).desc(),
                                      col(Reviewer.username))
    if group is not None:
        query = query.where(col(Reviewer.group_code) == group)
    return [public(r) for r in session.scalars(query)]


def members(session: Session, group: str) -> list[Reviewer]:
    """The active reviewers of a group, by username."""
    return list(session.scalars(select(Reviewer).where(
        col(Reviewer.group_code) == group, col(Reviewer.active).is_(True))
        .order_by(col(Reviewer.username))))


def public(row: Reviewer) -> ReviewerPublic:
    """A reviewer as the API shows one."""
    return ReviewerPublic(username=row.username, display_name=row.display_name, unit=row.unit,
                          group=row.group_code, is_lead=row.is_lead, active=row.active)


def _state(row: Reviewer) -> dict[str, Any]:
    return {"display_name": row.display_name, "unit": row.unit, "group": row.group_code,
            "is_lead": row.is_lead, "active": row.active}
