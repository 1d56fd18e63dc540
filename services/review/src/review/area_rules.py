"""A group's standing area rules: the parts of one element area go to one reviewer, applied when
a case reaches the group and when the lead asks for them."""

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import now
from kit.errors import Forbidden, Invalid, NotFound
from review import service
from review.areas import AREAS
from review.models import AreaRule, Reviewer, ReviewGroup, audit
from review.person_schemas import AreaRulePublic


def of_group(session: Session, group: str) -> dict[str, AreaRule]:
    """The group's rules by area."""
    return {r.area: r for r in session.scalars(
        select(AreaRule).where(col(AreaRule.group_code) == group))}


def area_rules(*, session: Session, principal: Principal, group: str) -> list[AreaRulePublic]:
    """The group's area rules in area order; 404 for a group the caller may not see."""
    _visible_group(session, principal, group)
    rules = of_group(session, group)
    names = {r.username: r.display_name for r in session.scalars(
        select(Reviewer).where(col(Reviewer.username).in_([r.reviewer for r in rules.values()])))}
    return [AreaRulePublic(area=area, reviewer=rules[area].reviewer,
                           reviewer_name=names.get(rules[area].reviewer, rules[area].reviewer))
            for area in AREAS if area in rules]


def set_area_rules(*, session: Session, principal: Principal, group: str,
                   rules: dict[str, str | None]) -> list[AreaRulePublic]:
    """The lead sets (or, with None, removes) the group's rule of each area named."""
    _visible_group(session, principal, group)
    if not (principal.has("lead") and principal.group == group):
        raise Forbidden(f"Only the lead of group {group} may set its area rules.")
    current = of_group(session, group)
    for area, username in rules.items():
        row = current.get(area)
        before = row.reviewer if row is not None else None
        if username is not None:
            reviewer = session.get(Reviewer, username)
            if reviewer is None or not reviewer.active or reviewer.group_code != group:
                raise Invalid(f"{username} is not an active reviewer of group {group}.")
        if before == username:
            continue
        if username is None and row is not None:
            session.delete(row)
        elif username is not None:
            row = row or AreaRule(group_code=group, area=area, reviewer=username,
                                  updated_by=principal.sub, updated_at=now())
            row.reviewer, row.updated_by, row.updated_at = username, principal.sub, now()
            session.add(row)
        session.flush()
        audit_trail.record(session, audit, actor=principal.sub, action="area_rule.changed",
                           entity="review_group", entity_id=group,
                           before={"area": area, "reviewer": before},
                           after={"area": area, "reviewer": username})
    return area_rules(session=session, principal=principal, group=group)


def _visible_group(session: Session, principal: Principal, group: str) -> None:
    if session.get(ReviewGroup, group) is None or not service.can_see(principal, group):
        raise NotFound(f"Review group {group} was not found.")
