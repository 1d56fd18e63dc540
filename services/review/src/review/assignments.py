"""分解到人: the lead hands each part (element area) of a case to a named reviewer of the group,
or lets a rule do it — the group's standing area rules, or the least open load. A new round
keeps the reviewers of the round before. Every change is audited on the case."""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Forbidden, Invalid, NotFound
from review import area_rules, reviewers, service
from review.areas import AREAS, parts_of
from review.deadlines import deadline
from review.models import Assignment, ReviewCase, Reviewer, audit
from review.person_schemas import CaseRound, Part, Rule
from review.schemas import SubmittedVersion

RULES_ACTOR = "service:review"  # what the rules do when a case arrives


@dataclass(frozen=True)
class RoundPolicy:
    """The review round's length and how early it reminds (settings of the review service)."""

    working_days: int = 5
    remind_days: int = 1


def on_version_submitted(*, session: Session, event: SubmittedVersion) -> None:
    """`matter_version.submitted`: open the case; if it goes straight to its group (a round
    after the preliminary check passed it), hand out what the rules can."""
    case = service.open_case(session=session, submission=event)
    if case.state == "open":
        reached_group(session=session, case=case)


def reached_group(*, session: Session, case: ReviewCase) -> None:
    """A case reached its group: the previous round's reviewers keep their parts, the group's
    area rules hand out the rest."""
    _carry_over(session, case)
    _by_area_rules(session, case, actor=RULES_ACTOR)


def visible_case(session: Session, principal: Principal, case_id: int,
                 *, lock: bool = False) -> ReviewCase:
    """A case the principal may see; 404 otherwise (another group's is not found)."""
    case = session.get(ReviewCase, case_id, with_for_update=lock)
    if case is None or not service.can_see(principal, case.group_code):
        raise NotFound(f"Review case {case_id} was not found.")
    return case


def case_round(*, session: Session, principal: Principal, case_id: int,
               policy: RoundPolicy) -> CaseRound:
    """Who reviews which part of a case, and the round's deadline."""
    return round_of(session, visible_case(session, principal, case_id), policy)


def round_of(session: Session, case: ReviewCase, policy: RoundPolicy) -> CaseRound:
    """The parts of `case` with their reviewers, and its deadline."""
    assert case.id is not None
    return CaseRound(case_id=case.id, group=case.group_code, state=case.state,
                     deadline=deadline(case, working_days=policy.working_days,
                                       remind_days=policy.remind_days),
                     parts=parts(case, assigned_of(session, [case.id]).get(case.id, {})))


def parts(case: ReviewCase, assigned: dict[str, Assignment]) -> list[Part]:
    """Each part to review (and any assigned one the standard no longer fills), in order."""
    wanted = set(parts_of(case.standard)) | assigned.keys()
    return [_part(area, assigned.get(area)) for area in AREAS if area in wanted]


def _part(area: str, row: Assignment | None) -> Part:
    if row is None:
        return Part(area=area)
    return Part(area=area, reviewer=row.reviewer,
                reviewer_name=row.reviewer_name, rule=row.rule, assigned_by=row.assigned_by,
                assigned_at=row.assigned_at)


def assigned_of(session: Session, case_ids: list[int]) -> dict[int, dict[str, Assignment]]:
    found: dict[int, dict[str, Assignment]] = {}
    for row in session.scalars(select(Assignment).where(col(Assignment.case_id).in_(case_ids))):
        found.setdefault(row.case_id, {})[row.area] = row
    return found


def assign(*, session: Session, principal: Principal, case_id: int,
           chosen: dict[str, str | None], policy: RoundPolicy) -> CaseRound:
    """The lead assigns (or reassigns) parts of an open case to reviewers of the group, or takes
    a part back (None)."""
    case = _led_case(session, principal, case_id)
    wanted = parts_of(case.standard)
    for area, username in chosen.items():
        if area not in wanted:
            raise Invalid(f"The standard of case {case_id} has no {area} to review.")
        if username is None:
            _take_back(session, case, area, actor=principal.sub)
        else:
            _put(session, case, area, _member(session, case.group_code, username), rule="lead",
                 actor=principal.sub)
    return round_of(session, case, policy)


def _take_back(session: Session, case: ReviewCase, area: str, *, actor: str) -> None:
    assert case.id is not None
    row = assigned_of(session, [case.id]).get(case.id, {}).get(area)
    if row is None:
        return
    before = {"area": area, "reviewer": row.reviewer, "reviewer_name": row.reviewer_name}
    session.delete(row)
    session.flush()
    audit_trail.record(session, audit, actor=actor, action="case.unassigned",
                       entity="review_case", entity_id=str(case.id), before=before,
                       after={"area": area, "reviewer": None})


def apply_rule(*, session: Session, principal: Principal, case_id: int, rule: Rule,
               policy: RoundPolicy) -> CaseRound:
    """The lead fills the case's unassigned parts by the group's area rules or by least load."""
    case = _led_case(session, principal, case_id)
    if rule == "area":
        if not area_rules.of_group(session, case.group_code):
            raise Invalid(f"Group {case.group_code} has no area rules yet.")
        _by_area_rules(session, case, actor=principal.sub)
    else:
        _by_least_load(session, case, actor=principal.sub)
    return round_of(session, case, policy)


def _led_case(session: Session, principal: Principal, case_id: int) -> ReviewCase:
    case = visible_case(session, principal, case_id, lock=True)
    if not (principal.has("lead") and principal.group == case.group_code):
        raise Forbidden(f"Only the lead of group {case.group_code} may assign its cases.")
    if case.state != "open":
        raise Conflict(f"Review case {case_id} is closed ({case.decision}).")
    return case


def _member(session: Session, group: str, username: str) -> Reviewer:
    row = session.get(Reviewer, username)
    if row is None or not row.active or row.group_code != group:
        raise Invalid(f"{username} is not an active reviewer of group {group}.")
    return row


def _put(session: Session, case: ReviewCase, area: str, reviewer: Reviewer, *, rule: str,
         actor: str) -> None:
    assert case.id is not None
    row = assigned_of(session, [case.id]).get(case.id, {}).get(area)
    if row is not None and row.reviewer == reviewer.username:
        return
    before = {"area": area, "reviewer": row.reviewer, "reviewer_name": row.reviewer_name} \
        if row is not None else None
    row = row or Assignment(case_id=case.id, area=area, reviewer="", reviewer_name="", rule="",
                            assigned_by="", assigned_at=now())
    row.reviewer, row.reviewer_name = reviewer.username, reviewer.display_name
    row.rule, row.assigned_by, row.assigned_at = rule, actor, now()
    session.add(row)
    session.flush()
    audit_trail.record(session, audit, actor=actor,
                       action="case.reassigned" if before else "case.assigned",
                       entity="review_case", entity_id=str(case.id), before=before,
                       after={"area": area, "reviewer": reviewer.username,
                              "reviewer_name": reviewer.display_name, "rule": rule})


def _unassigned(session: Session, case: ReviewCase) -> list[str]:
    assert case.id is not None
    taken = assigned_of(session, [case.id]).get(case.id, {})
    return [area for area in parts_of(case.standard) if area not in taken]


def _carry_over(session: Session, case: ReviewCase) -> None:
    """A new round (or version) keeps the reviewers who reviewed the case before, while they
    are still active in the group."""
    if case.previous_case_id is None:
        return
    earlier = assigned_of(session, [case.previous_case_id]).get(case.previous_case_id, {})
    for area in _unassigned(session, case):
        row = earlier.get(area)
        reviewer = session.get(Reviewer, row.reviewer) if row else None
        if reviewer is not None and reviewer.active and reviewer.group_code == case.group_code:
            _put(session, case, area, reviewer, rule="carried", actor=RULES_ACTOR)


def _by_area_rules(session: Session, case: ReviewCase, *, actor: str) -> None:
    rules = area_rules.of_group(session, case.group_code)
    members = {m.username: m for m in reviewers.members(session, case.group_code)}
    for area in _unassigned(session, case):
        rule = rules.get(area)
        if rule is not None and rule.reviewer in members:
            _put(session, case, area, members[rule.reviewer], rule="area_rule", actor=actor)


def open_load(session: Session, group: str) -> Counter[str]:
    """Open parts per reviewer of a group (parts of its open cases)."""
    rows = session.execute(
        select(col(Assignment.reviewer), func.count()).join(
            ReviewCase, col(ReviewCase.id) == col(Assignment.case_id))
        .where(col(ReviewCase.group_code) == group, col(ReviewCase.state) == "open")
        .group_by(col(Assignment.reviewer))).all()
    return Counter({reviewer: count for reviewer, count in rows})


def _by_least_load(session: Session, case: ReviewCase, *, actor: str) -> None:
    members = reviewers.members(session, case.group_code)
    # Leads hand out work; they take parts by this rule only in a group of leads alone.
    candidates = [m for m in members if not m.is_lead] or members
    if not candidates:
        raise Invalid(f"Group {case.group_code} has no active reviewer.")
    load = open_load(session, case.group_code)
    for area in _unassigned(session, case):
        chosen = min(candidates, key=lambda m: (load[m.username], m.username))
        _put(session, case, area, chosen, rule="least_load", actor=actor)
        load[chosen.username] += 1
