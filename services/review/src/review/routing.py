"""Routing: ordered rules on window, department and matter type send each submitted standard
to a review group; the first rule that matches wins. What no rule matches goes to the default
group the administrator chose; with no default group either, the case waits as `unrouted`
(seen by administrators, routed again from the rules page) — never silently lost.

Functions only flush: the request's session commits once.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.errors import Conflict, Invalid, NotFound
from review.models import ReviewCase, ReviewGroup, RoutingRule, audit
from review.organisation_schemas import (
    Criteria,
    RoutingOutcome,
    RoutingTable,
    RuleChange,
    RuleCreate,
    RulePublic,
)

UNROUTED = "unrouted"  # the group of a case nothing routes (group codes are upper-case)
FIELDS = ("window", "department_code", "matter_type")
WORDS = {"window": "window", "department_code": "department", "matter_type": "matter type"}


def rules(*, session: Session) -> list[RoutingRule]:
    """The rules in the order they are tried."""
    return list(session.scalars(select(RoutingRule).order_by(col(RoutingRule.position),
                                                             col(RoutingRule.id))))


def default_group(*, session: Session) -> str | None:
    """The group that receives what no rule matches, if the administrator chose one."""
    return session.scalars(select(col(ReviewGroup.code)).where(
        col(ReviewGroup.is_default).is_(True))).first()


def table(*, session: Session) -> RoutingTable:
    """The ordered rules (each marked when an earlier one catches all it would), the default
    group, and how many open cases wait unrouted."""
    ordered = rules(session=session)
    waiting = session.scalar(select(func.count()).select_from(ReviewCase).where(
        col(ReviewCase.group_code) == UNROUTED, col(ReviewCase.state) == "open"))
    return RoutingTable(rules=[_public(r, ordered[:n]) for n, r in enumerate(ordered)],
                        default_group=default_group(session=session),
                        unrouted_cases=waiting or 0)


def route(*, session: Session, window: str | None, department: str | None,
          matter_type: str | None) -> RoutingOutcome:
    """Where a standard handled at `window`, by `department`, of `matter_type` goes, and why."""
    facts = {"window": window, "department_code": department, "matter_type": matter_type}
    for rule in rules(session=session):
        if all(getattr(rule, f) in (None, facts[f]) for f in FIELDS):
            reason = (f"routing rule #{rule.id} (position {rule.position}: "
                      f"{_criteria(rule)}{_note(rule)}) sends it to group {rule.group_code}")
            return RoutingOutcome(rule=_public(rule, []), group=rule.group_code,
                                  reason=reason, fallback=False)
    seen = ", ".join(f"{WORDS[f]} {facts[f] or '(none)'}" for f in FIELDS)
    fallback = default_group(session=session)
    if fallback is None:
        return RoutingOutcome(rule=None, group=UNROUTED, fallback=True, reason=(
            f"no routing rule matches ({seen}) and no default group is set: unrouted"))
    return RoutingOutcome(rule=None, group=fallback, fallback=True, reason=(
        f"no routing rule matches ({seen}); default group {fallback}"))


def preview(*, session: Session, criteria: Criteria) -> RoutingOutcome:
    """`route` for criteria typed on the rules page (nothing is written)."""
    window, department, matter_type = criteria.terms()
    return route(session=session, window=window, department=department,
                 matter_type=matter_type)


def add_rule(*, session: Session, rule: RuleCreate, actor: Principal) -> RulePublic:
    """Insert a rule at its position (or last) and renumber the others."""
    _group(session, rule.group)
    window, department, matter_type = rule.terms()
    row = RoutingRule(position=0, window=window, department_code=department,
                      matter_type=matter_type, group_code=rule.group, note=rule.note)
    ordered = rules(session=session)
    ordered.insert(min(rule.position or len(ordered) + 1, len(ordered) + 1) - 1, row)
    session.add(row)
    _renumber(session, ordered)
    audit_trail.record(session, audit, actor=actor.sub, action="rule.created",
                       entity="routing_rule", entity_id=str(row.id), after=_snapshot(row))
    return _public(row, ordered[:row.position - 1])


def change_rule(*, session: Session, rule_id: int, change: RuleChange,
                actor: Principal) -> RulePublic:
    """Edit a rule's criteria, group or note; its place stays."""
    row = _rule(session, rule_id)
    _group(session, change.group)
    before = _snapshot(row)
    row.window, row.department_code, row.matter_type = change.terms()
    row.group_code, row.note = change.group, change.note
    session.flush()
    audit_trail.record(session, audit, actor=actor.sub, action="rule.updated",
                       entity="routing_rule", entity_id=str(rule_id), before=before,
                       after=_snapshot(row))
    return _public(row, rules(session=session)[:row.position - 1])


def move_rule(*, session: Session, rule_id: int, position: int, actor: Principal) -> RulePublic:
    """Put a rule at `position` (1 = tried first; past the end = last)."""
    row = _rule(session, rule_id)
    ordered = [r for r in rules(session=session) if r.id != rule_id]
    before = row.position
    ordered.insert(min(position, len(ordered) + 1) - 1, row)
    _renumber(session, ordered)
    audit_trail.record(session, audit, actor=actor.sub, action="rule.moved",
                       entity="routing_rule", entity_id=str(rule_id),
                       before={"position": before}, after={"position": row.position})
    return _public(row, ordered[:row.position - 1])


def delete_rule(*, session: Session, rule_id: int, actor: Principal) -> None:
    """Remove a rule; the ones after it move up."""
    row = _rule(session, rule_id)
    before = _snapshot(row)
    session.delete(row)
    session.flush()
    _renumber(session, rules(session=session))
    audit_trail.record(session, audit, actor=actor.sub, action="rule.deleted",
                       entity="routing_rule", entity_id=str(rule_id), before=before)


def set_default(*, session: Session, group: str, actor: Principal) -> RoutingTable:
    """Make `group` the one that receives what no rule matches."""
    chosen = _group(session, group)
    before = default_group(session=session)
    for row in session.scalars(select(ReviewGroup).where(col(ReviewGroup.is_default).is_(True))):
        row.is_default = False
    session.flush()  # one default at a time, also while the change is in flight
    chosen.is_default = True
    session.flush()
    audit_trail.record(session, audit, actor=actor.sub, action="routing.default_set",
                       entity="review_group", entity_id=group,
                       before={"default_group": before}, after={"default_group": group})
    return table(session=session)


def reroute(*, session: Session, case_id: int, actor: Principal) -> RoutingOutcome:
    """Route an open case again by today's rules (an unrouted one, or after rules changed)."""
    case = session.get(ReviewCase, case_id, with_for_update=True)
    if case is None:
        raise NotFound(f"Review case {case_id} was not found.")
    if case.state != "open":
        raise Conflict(f"Review case {case_id} is closed ({case.decision}).")
    outcome = route(session=session, window=case.window, department=case.department_code,
                    matter_type=_matter_type(case))
    before = {"group": case.group_code, "routing_reason": case.routing_reason}
    case.group_code, case.routing_reason = outcome.group, outcome.reason[:200]
    session.flush()
    audit_trail.record(session, audit, actor=actor.sub, action="case.rerouted",
                       entity="review_case", entity_id=str(case_id), before=before,
                       after={"group": case.group_code, "routing_reason": case.routing_reason})
    return outcome


def route_case(*, session: Session, window: str | None, department: str,
               standard: dict[str, object]) -> RoutingOutcome:
    """Where a submitted standard goes: its window, department and matter type."""
    matter_type = standard.get("matter_type")
    return route(session=session, window=window, department=department,
                 matter_type=matter_type if isinstance(matter_type, str) else None)


def _matter_type(case: ReviewCase) -> str | None:
    value = case.standard.get("matter_type") if isinstance(case.standard, dict) else None
    return value if isinstance(value, str) else None


def _rule(session: Session, rule_id: int) -> RoutingRule:
    row = session.get(RoutingRule, rule_id)
    if row is None:
        raise NotFound(f"Routing rule {rule_id} was not found.")
    return row


def _group(session: Session, code: str) -> ReviewGroup:
    group = session.get(ReviewGroup, code)
    if group is None:
        raise Invalid(f"Review group {code} does not exist.")
    return group


def _renumber(session: Session, ordered: list[RoutingRule]) -> None:
    for n, row in enumerate(ordered, start=1):
        row.position = n
    session.flush()


def _criteria(rule: RoutingRule) -> str:
    return ", ".join(f"{WORDS[f]} {getattr(rule, f)}" for f in FIELDS if getattr(rule, f))


def _note(rule: RoutingRule) -> str:
    return f" “{rule.note}”" if rule.note else ""


def _snapshot(rule: RoutingRule) -> dict[str, object]:
    return {"position": rule.position, "window": rule.window,
            "department_code": rule.department_code, "matter_type": rule.matter_type,
            "group": rule.group_code, "note": rule.note}


def _public(rule: RoutingRule, earlier: list[RoutingRule]) -> RulePublic:
    """A rule as shown, with the first earlier rule that catches everything it would."""
    shadow = next((e.id for e in earlier if all(getattr(e, f) in (None, getattr(rule, f))
                                                for f in FIELDS)), None)
    assert rule.id is not None
    return RulePublic(id=rule.id, position=rule.position, window=rule.window,
                      department_code=rule.department_code, matter_type=rule.matter_type,
                      group=rule.group_code, note=rule.note, shadowed_by=shadow)
