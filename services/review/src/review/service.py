"""Review logic: open a case for each submitted standard (review.routing picks its group),
record opinions, issue the feedback letter.

Functions only flush: the session of the request (or of the event delivery) commits once.
"""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Forbidden, Invalid, NotFound
from kit.outbox import emit
from review import letter as letters
from review import opinions as opinion_rows
from review import rounds, routing, workload
from review.models import (
    ConflictResolution,
    ConsolidatedFeedback,
    Opinion,
    PreliminaryCheck,
    ReviewCase,
    audit,
    outbox,
)
from review.schemas import (
    CaseDetail,
    CaseState,
    CaseSummary,
    Department,
    FeedbackCreate,
    FeedbackPublic,
    OpinionCreate,
    OpinionPublic,
    SubmittedVersion,
)

SEES_EVERY_GROUP = ("admin", "supervisor", "guidance")  # guidance: the preliminary check
TO_CATALOG = ["catalog"]
SYSTEM_ACTOR = "service:catalog"  # submissions arrive as catalog's events


def display_name(principal: Principal) -> str:
    """The name shown for a reviewer or lead: their name, else their subject."""
    return principal.name or principal.sub


# --- opening cases ------------------------------------------------------------------------

def open_case(*, session: Session, submission: SubmittedVersion) -> ReviewCase:
    """Open a case (or the next round) for a submitted version; tell catalog it is open."""
    earlier = _latest_case(session, submission.implementation_code, submission.version)
    if earlier is not None and earlier.state in ("open", "precheck"):
        _close(session, earlier, decision="superseded", actor=SYSTEM_ACTOR)
    compared = earlier or _previous_version_case(session, submission)
    routed = routing.route_case(session=session, window=submission.window,
                                department=submission.department.code,
                                standard=submission.standard)
    group, reason = routed.group, routed.reason[:200]
    checked = earlier is not None and passed_precheck(session, earlier)
    case = ReviewCase(
        state="open" if checked else "precheck", reached_group_at=now() if checked else None,
        implementation_code=submission.implementation_code, version=submission.version,
        round=earlier.round + 1 if earlier else 1, name=submission.name,
        department_code=submission.department.code, department_name=submission.department.name,
        window=submission.window, group_code=group, routing_reason=reason,
        standard=submission.standard, previous_version=submission.previous_version,
        previous_case_id=compared.id if compared else None,
        changed_elements=changed_elements(compared.standard, submission.standard)
        if compared else None,
        submitted_by=submission.submitted_by, opened_at=now(),
        answers=[a.model_dump() for a in submission.answers] or None,
        open_elements=rounds.reopened(session, earlier, submission.standard, submission.answers)
        if earlier else None)
    session.add(case)
    session.flush()
    audit_trail.record(session, audit, actor=SYSTEM_ACTOR, action="case.opened",
                       entity="review_case", entity_id=str(case.id),
                       after={"state": case.state, "group": group, "routing_reason": reason,
                              "round": case.round})
    emit(session, outbox, event_type="review.case_opened", destinations=TO_CATALOG,
         payload={"implementation_code": case.implementation_code, "version": case.version,
                  "case_id": case.id})
    return case


def changed_elements(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The elements of a standard whose content differs between two submissions."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def passed_precheck(session: Session, case: ReviewCase) -> bool:
    """Whether `case` passed the preliminary check: the next round of its version, answering
    the joint review's feedback, then goes to the group straight away."""
    check = session.scalars(select(PreliminaryCheck).where(
        col(PreliminaryCheck.case_id) == case.id)).first()
    return check is not None and check.result == "passed"


def _latest_case(session: Session, code: str, version: int) -> ReviewCase | None:
    return session.scalars(
        select(ReviewCase).where(col(ReviewCase.implementation_code) == code,
                                 col(ReviewCase.version) == version)
        .order_by(col(ReviewCase.round).desc()).limit(1)).first()


def _previous_version_case(session: Session, submission: SubmittedVersion) -> ReviewCase | None:
    if submission.previous_version is None:
        return None
    return _latest_case(session, submission.implementation_code, submission.previous_version)


def _close(session: Session, case: ReviewCase, *, decision: str, actor: str) -> None:
    before = case.state
    case.state, case.decision, case.closed_at = "closed", decision, now()
    session.flush()
    audit_trail.record(session, audit, actor=actor, action=f"case.{decision}",
                       entity="review_case", entity_id=str(case.id),
                       before={"state": before}, after={"state": "closed", "decision": decision})


# --- reading cases ------------------------------------------------------------------------

def can_see(principal: Principal, group: str) -> bool:
    """Reviewers and leads see their own group's cases; admins and supervisors see all."""
    return principal.has(*SEES_EVERY_GROUP) or (principal.group is not None
                                                and principal.group == group)


def list_cases(*, session: Session, principal: Principal,
               state: CaseState | None = None) -> list[CaseSummary]:
    """The cases `principal` may see, newest first, optionally only open or closed ones."""
    count = (select(func.count(col(Opinion.id))).where(col(Opinion.case_id) == ReviewCase.id)
             .correlate(ReviewCase).scalar_subquery())
    query = select(ReviewCase, count).order_by(col(ReviewCase.opened_at).desc(),
                                               col(ReviewCase.id).desc())
    if state is not None:
        query = query.where(col(ReviewCase.state) == state)
    if not principal.has(*SEES_EVERY_GROUP):
        if principal.group is None:
            return []
        query = query.where(col(ReviewCase.group_code) == principal.group)
    return [_summary(case, opinions) for case, opinions in session.execute(query).all()]


def get_case(*, session: Session, principal: Principal, case_id: int) -> CaseDetail:
    """One case with its standard, opinions and feedback letter; 404 outside one's group."""
    case = _visible_case(session, principal, case_id)
    opinions = _opinions(session, case_id)
    letter = session.scalars(
        select(ConsolidatedFeedback).where(col(ConsolidatedFeedback.case_id) == case_id)).first()
    return CaseDetail(
        **_summary(case, len(opinions)).model_dump(), standard=case.standard,
        previous_version=case.previous_version, changed_elements=case.changed_elements,
        routing_reason=case.routing_reason, submitted_by=case.submitted_by,
        opinions=[OpinionPublic.model_validate(o, from_attributes=True) for o in opinions],
        feedback=FeedbackPublic.model_validate(letter, from_attributes=True) if letter else None,
        open_elements=case.open_elements, answers=case.answers or [],
        earlier_rounds=rounds.earlier_rounds(session, case))


def _summary(case: ReviewCase, opinion_count: int) -> CaseSummary:
    assert case.id is not None
    return CaseSummary(
        id=case.id, implementation_code=case.implementation_code, version=case.version,
        round=case.round, name=case.name,
        department=Department(code=case.department_code, name=case.department_name),
        window=case.window, group=case.group_code, state=case.state, decision=case.decision,
        opened_at=case.opened_at, closed_at=case.closed_at, opinion_count=opinion_count)


def _visible_case(session: Session, principal: Principal, case_id: int,
                  *, lock: bool = False) -> ReviewCase:
    case = session.get(ReviewCase, case_id, with_for_update=lock)
    if case is None or not can_see(principal, case.group_code):
        raise NotFound(f"Review case {case_id} was not found.")
    return case


def _opinions(session: Session, case_id: int) -> list[Opinion]:
    return list(session.scalars(
        select(Opinion).where(col(Opinion.case_id) == case_id).order_by(col(Opinion.id))).all())


# --- opinions and the consolidated feedback -----------------------------------------------

def add_opinion(*, session: Session, principal: Principal, case_id: int,
                opinion: OpinionCreate) -> OpinionPublic:
    """Record a reviewer's opinion on one element of an open case of their group."""
    case = _open_case_of_own_group(session, principal, case_id)
    row = opinion_rows.new_opinion(case=case, opinion=opinion, principal=principal,
                                   reviewer_name=display_name(principal))
    session.add(row)
    session.flush()
    audit_trail.record(session, audit, actor=principal.sub, action="opinion.recorded",
                       entity="review_case", entity_id=str(case.id),
                       after=opinion.model_dump() | {"opinion_id": row.id})
    return OpinionPublic.model_validate(row, from_attributes=True)


def conclude(*, session: Session, principal: Principal, case_id: int,
             feedback: FeedbackCreate) -> FeedbackPublic:
    """Close a case with one consolidated feedback letter gathering all its opinions."""
    case = _open_case_of_own_group(session, principal, case_id)
    consolidated = consolidation(session, case)
    if consolidated.open_conflicts:
        raise Conflict(
            f"{len(consolidated.open_conflicts)} element(s) have contradicting opinions; the "
            "lead resolves each conflict before the letter is sent.",
            errors=[{"loc": ["conflicts", c["element"]], "msg": "unresolved conflict",
                     "element": c["element"]} for c in consolidated.open_conflicts])
    opinions = consolidated.points
    if feedback.decision == "returned" and not (opinions or feedback.summary):
        raise Invalid("A returned standard needs at least one opinion or a summary, "
                      "so the department knows what to change.")
    letter = ConsolidatedFeedback(
        case_id=case_id, decision=feedback.decision, summary=feedback.summary,
        lead=principal.sub, lead_name=display_name(principal), opinions=opinions,
        issued_at=now())
    session.add(letter)
    _close(session, case, decision=feedback.decision, actor=principal.sub)
    emit(session, outbox, event_type="review.concluded", destinations=TO_CATALOG, payload={
        "implementation_code": case.implementation_code, "version": case.version,
        "case_id": case_id, "decision": feedback.decision,
        "feedback": {"summary": feedback.summary, "lead": letter.lead_name,
                     "opinions": opinions, "case_id": case_id, "round": case.round}})
    workload.tell(session, case, _opinions(session, case_id), lead=principal.sub,
                  lead_name=letter.lead_name, decision=feedback.decision)
    return FeedbackPublic.model_validate(letter, from_attributes=True)


def consolidation(session: Session, case: ReviewCase) -> letters.Consolidation:
    """The letter's points and the conflicts among the case's opinions, as they stand."""
    resolutions = list(session.scalars(
        select(ConflictResolution).where(col(ConflictResolution.case_id) == case.id)
        .order_by(col(ConflictResolution.id))))
    return letters.consolidate(case.standard, _opinions(session, case.id or 0), resolutions)


def _open_case_of_own_group(session: Session, principal: Principal,
                            case_id: int) -> ReviewCase:
    # Locks the case so an opinion and the letter that closes it cannot cross on PostgreSQL.
    case = _visible_case(session, principal, case_id, lock=True)
    if principal.group != case.group_code:
        raise Forbidden(f"Only members of review group {case.group_code} may act on this case.")
    if case.state == "precheck":
        raise Conflict(f"Review case {case_id} awaits the preliminary check (初审).")
    if case.state != "open":
        raise Conflict(f"Review case {case_id} is closed ({case.decision}).")
    return case


def visible_case(*, session: Session, principal: Principal, case_id: int) -> ReviewCase:
    """A case the caller may read (404 outside their group)."""
    return _visible_case(session, principal, case_id)


def acting_case(*, session: Session, principal: Principal, case_id: int) -> ReviewCase:
    """An open case of the caller's group, locked for a change (404, 403 or 409 otherwise)."""
    return _open_case_of_own_group(session, principal, case_id)


# --- what the preliminary check (review.preliminary) shares --------------------------------

def summary(case: ReviewCase, opinion_count: int) -> CaseSummary:
    """A case's line in a list."""
    return _summary(case, opinion_count)


def close(*, session: Session, case: ReviewCase, decision: str, actor: str) -> None:
    """Close a case with `decision` (audited)."""
    _close(session, case, decision=decision, actor=actor)
