"""The review API of the organisation under /api/review/v1: review groups and the ordered
routing rules (administrators write; everyone in review reads and previews)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from kit.app import SessionDep
from kit.auth import Principal, require
from review import groups, routing
from review.organisation_schemas import (
    Criteria,
    DefaultGroup,
    GroupChange,
    GroupCreate,
    GroupPublic,
    RoutingOutcome,
    RoutingTable,
    RuleChange,
    RuleCreate,
    RuleMove,
    RulePublic,
)

router = APIRouter(prefix="/api/review/v1", tags=["review organisation"])
READERS = ("reviewer", "lead", "admin", "supervisor", "guidance")  # guidance: where a case goes
Reader = Annotated[Principal, require(*READERS)]
Admin = Annotated[Principal, require("admin")]
GroupCode = Annotated[str, Path(min_length=1, max_length=20)]
RuleId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/groups")
def list_groups(session: SessionDep, _: Reader) -> list[GroupPublic]:
    """Review groups, the domains they cover and the windows each owns."""
    return groups.list_groups(session=session)


@router.post("/groups", status_code=201)
def create_group(group: GroupCreate, session: SessionDep, actor: Admin) -> GroupPublic:
    """Add a review group (rules are added for the windows it owns)."""
    return groups.create_group(session=session, group=group, actor=actor)


@router.put("/groups/{code}")
def update_group(code: GroupCode, change: GroupChange, session: SessionDep,
                 actor: Admin) -> GroupPublic:
    """Rename a group, its domains, the windows it owns."""
    return groups.update_group(session=session, code=code, change=change, actor=actor)


@router.get("/routing")
def routing_table(session: SessionDep, _: Reader) -> RoutingTable:
    """The routing rules in the order they are tried, and the default group."""
    return routing.table(session=session)


@router.get("/routing/preview")
def preview(session: SessionDep, _: Reader,
            criteria: Annotated[Criteria, Depends()]) -> RoutingOutcome:
    """Which rule a standard with this window, department and matter type meets, and where it
    would go (nothing is written)."""
    return routing.preview(session=session, criteria=criteria)


@router.post("/routing/rules", status_code=201)
def add_rule(rule: RuleCreate, session: SessionDep, actor: Admin) -> RulePublic:
    """Add a rule at a position (default: last)."""
    return routing.add_rule(session=session, rule=rule, actor=actor)


@router.put("/routing/rules/{rule_id}")
def change_rule(rule_id: RuleId, change: RuleChange, session: SessionDep,
                actor: Admin) -> RulePublic:
    """Edit a rule's criteria, group or note (its place stays)."""
    return routing.change_rule(session=session, rule_id=rule_id, change=change, actor=actor)


@router.post("/routing/rules/{rule_id}/move")
def move_rule(rule_id: RuleId, move: RuleMove, session: SessionDep,
              actor: Admin) -> RulePublic:
    """Put a rule at another place in the order."""
    return routing.move_rule(session=session, rule_id=rule_id, position=move.position,
                             actor=actor)


@router.delete("/routing/rules/{rule_id}", status_code=204)
def delete_rule(rule_id: RuleId, session: SessionDep, actor: Admin) -> Response:
    """Remove a rule."""
    routing.delete_rule(session=session, rule_id=rule_id, actor=actor)
    return Response(status_code=204)


@router.put("/routing/default")
def set_default(default: DefaultGroup, session: SessionDep, actor: Admin) -> RoutingTable:
    """Choose the group that receives every standard no rule matches."""
    return routing.set_default(session=session, group=default.group, actor=actor)


@router.post("/cases/{case_id}/route")
def reroute(case_id: RuleId, session: SessionDep, actor: Admin) -> RoutingOutcome:
    """Route an open case again by today's rules (an unrouted case, or after a change)."""
    return routing.reroute(session=session, case_id=case_id, actor=actor)
