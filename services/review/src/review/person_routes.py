"""The review API of review by persons, under /api/review/v1: reviewers, assignments of a case's
parts, the group's area rules, my cases, the group's board and a case's history."""

from typing import Annotated

from fastapi import APIRouter, Path, Request

from kit.app import SessionDep
from kit.auth import Principal, require
from review import area_rules, assignments, board, case_history, reviewers
from review.assignments import RoundPolicy
from review.person_schemas import (
    AreaRulePublic,
    AreaRulesIn,
    AssignmentsIn,
    Board,
    CaseEvent,
    CaseRound,
    MyCase,
    ReviewerPublic,
    RuleIn,
)
from review.routes import READERS, CaseId

router = APIRouter(prefix="/api/review/v1", tags=["review by persons"])
GroupCode = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$")]


def policy(request: Request) -> RoundPolicy:
    """The round's length and reminder from the review service's settings."""
    settings = request.app.state.settings
    return RoundPolicy(working_days=settings.round_working_days,
                       remind_days=settings.remind_working_days)


@router.get("/reviewers")
def list_reviewers(session: SessionDep, group: GroupCode | None = None,
                   principal: Principal = require(*READERS)) -> list[ReviewerPublic]:
    """The reviewers of the caller's group (admins and supervisors: any group, or `group`)."""
    return reviewers.list_reviewers(session=session, principal=principal, group=group)


@router.get("/cases/{case_id}/assignments")
def case_round(case_id: CaseId, request: Request, session: SessionDep,
               principal: Principal = require(*READERS)) -> CaseRound:
    """Who reviews which part of a case, and the round's deadline."""
    return assignments.case_round(session=session, principal=principal, case_id=case_id,
                                  policy=policy(request))


@router.put("/cases/{case_id}/assignments")
def assign(case_id: CaseId, body: AssignmentsIn, request: Request, session: SessionDep,
           principal: Principal = require("lead")) -> CaseRound:
    """The group's lead assigns or reassigns parts (area → reviewer) of an open case."""
    chosen = {str(area): username for area, username in body.parts.items()}
    return assignments.assign(session=session, principal=principal, case_id=case_id,
                              chosen=chosen, policy=policy(request))


@router.post("/cases/{case_id}/assignments/rule")
def apply_rule(case_id: CaseId, body: RuleIn, request: Request, session: SessionDep,
               principal: Principal = require("lead")) -> CaseRound:
    """The lead fills the unassigned parts by the group's area rules or by least open load."""
    return assignments.apply_rule(session=session, principal=principal, case_id=case_id,
                                  rule=body.rule, policy=policy(request))


@router.get("/cases/{case_id}/history")
def history(case_id: CaseId, session: SessionDep,
            principal: Principal = require(*READERS)) -> list[CaseEvent]:
    """The case's own history from the audit trail: routed, assigned, opinions, decision."""
    return case_history.case_history(session=session, principal=principal, case_id=case_id)


@router.get("/my/cases")
def my_cases(request: Request, session: SessionDep,
             principal: Principal = require("reviewer", "lead")) -> list[MyCase]:
    """The caller's open cases (parts assigned to them) with deadlines, soonest first."""
    return board.my_cases(session=session, principal=principal, policy=policy(request))


@router.get("/groups/{group}/board")
def group_board(group: GroupCode, request: Request, session: SessionDep,
                principal: Principal = require("lead", "admin", "supervisor")) -> Board:
    """The group's board: open cases with their parts and deadlines, each member's load."""
    return board.board(session=session, principal=principal, group=group,
                       policy=policy(request))


@router.get("/groups/{group}/area-rules")
def get_area_rules(group: GroupCode, session: SessionDep,
                   principal: Principal = require(*READERS)) -> list[AreaRulePublic]:
    """The group's standing rules: which reviewer takes which element area."""
    return area_rules.area_rules(session=session, principal=principal, group=group)


@router.put("/groups/{group}/area-rules")
def put_area_rules(group: GroupCode, body: AreaRulesIn, session: SessionDep,
                   principal: Principal = require("lead")) -> list[AreaRulePublic]:
    """The group's lead sets (or, with null, removes) the reviewer of each area named."""
    return area_rules.set_area_rules(session=session, principal=principal, group=group,
                                     rules={str(k): v for k, v in body.rules.items()})
