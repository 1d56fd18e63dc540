"""What each person sees of the work: a reviewer's own open cases with their deadlines, and the
lead's board of the group — who has what, what is unassigned, what is late."""

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit.auth import Principal
from kit.errors import NotFound
from review import reviewers, service
from review.assignments import RoundPolicy, assigned_of, parts
from review.deadlines import deadline
from review.models import Assignment, ReviewCase, ReviewGroup
from review.person_schemas import Board, BoardCase, BoardMember, MyCase
from review.schemas import Department


def my_cases(*, session: Session, principal: Principal, policy: RoundPolicy) -> list[MyCase]:
    """The open cases of the caller's group with parts assigned to the caller, soonest due
    first."""
    if principal.group is None:
        return []
    rows = session.execute(
        select(ReviewCase, col(Assignment.area))
        .join(Assignment, col(Assignment.case_id) == col(ReviewCase.id))
        .where(col(Assignment.reviewer) == principal.sub, col(ReviewCase.state) == "open",
               col(ReviewCase.group_code) == principal.group)
        .order_by(col(ReviewCase.opened_at), col(ReviewCase.id), col(Assignment.id))).all()
    mine: dict[int, MyCase] = {}
    for case, area in rows:
        assert case.id is not None
        if case.id not in mine:
            mine[case.id] = MyCase(
                id=case.id, name=case.name, implementation_code=case.implementation_code,
                version=case.version, round=case.round, group=case.group_code,
                department=Department(code=case.department_code, name=case.department_name),
                opened_at=case.opened_at, areas=[],
                deadline=deadline(case, working_days=policy.working_days,
                                  remind_days=policy.remind_days))
        mine[case.id].areas.append(area)
    return list(mine.values())


def board(*, session: Session, principal: Principal, group: str, policy: RoundPolicy) -> Board:
    """The group's open cases with their parts and deadlines, and each member's open load."""
    found = session.get(ReviewGroup, group)
    if found is None or not service.can_see(principal, group):
        raise NotFound(f"Review group {group} was not found.")
    cases = list(session.scalars(
        select(ReviewCase).where(col(ReviewCase.group_code) == group,
                                 col(ReviewCase.state) == "open")
        .order_by(col(ReviewCase.opened_at), col(ReviewCase.id))))
    assigned = assigned_of(session, [c.id for c in cases if c.id is not None])
    shown = [_board_case(c, assigned.get(c.id or 0, {}), policy) for c in cases]
    load, late = Counter[str](), Counter[str]()
    for case in shown:
        for part in case.parts:
            if part.reviewer:
                load[part.reviewer] += 1
                late[part.reviewer] += case.deadline is not None \
                    and case.deadline.status == "late"
    members = [BoardMember(**reviewers.public(r).model_dump(exclude={"group"}),
                           open_parts=load[r.username], late_parts=late[r.username])
               for r in reviewers.members(session, group)]
    return Board(group=group, name=found.name, members=members, cases=shown,
                 unassigned_parts=sum(p.reviewer is None for c in shown for p in c.parts),
                 late_cases=sum(c.deadline is not None and c.deadline.status == "late"
                                for c in shown))


def _board_case(case: ReviewCase, assigned: dict[str, Assignment],
                policy: RoundPolicy) -> BoardCase:
    assert case.id is not None
    return BoardCase(
        id=case.id, name=case.name, version=case.version, round=case.round,
        department=Department(code=case.department_code, name=case.department_name),
        opened_at=case.opened_at, parts=parts(case, assigned),
        deadline=deadline(case, working_days=policy.working_days,
                          remind_days=policy.remind_days))
