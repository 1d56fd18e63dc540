"""Review metrics: rounds per matter (each submitted version reviewed), and the share approved
after one return — Shantou's departments "did not have to revise twice"."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit.auth import Principal
from review import service
from review.letter_schemas import MatterRounds, ReviewMetrics
from review.models import ReviewCase


def _reviews(session: Session, principal: Principal) -> dict[tuple[str, int], list[ReviewCase]]:
    query = select(ReviewCase).order_by(col(ReviewCase.implementation_code),
                                        col(ReviewCase.version), col(ReviewCase.round))
    if not principal.has(*service.SEES_EVERY_GROUP):
        query = query.where(col(ReviewCase.group_code) == (principal.group or "-"))
    found: dict[tuple[str, int], list[ReviewCase]] = {}
    for case in session.scalars(query):
        found.setdefault((case.implementation_code, case.version), []).append(case)
    return found


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def review_metrics(*, session: Session, principal: Principal) -> ReviewMetrics:
    """Rounds per matter and how many were approved first time, or after one return."""
    matters = []
    for (code, version), cases in _reviews(session, principal).items():
        last = cases[-1]
        matters.append(MatterRounds(implementation_code=code, name=last.name, version=version,
                                    department=last.department_name, rounds=last.round,
                                    decision=last.decision))
    approved = [m for m in matters if m.decision == "approved"]
    rounds: dict[str, int] = {}
    for matter in matters:
        key = str(min(matter.rounds, 3))
        rounds[key] = rounds.get(key, 0) + 1
    after_return = [m for m in approved if m.rounds > 1]
    once = sum(1 for m in approved if m.rounds == 2)
    total: Any = sum(m.rounds for m in matters)
    return ReviewMetrics(
        matters_reviewed=len(matters), approved=len(approved), rounds_total=total,
        average_rounds=round(total / len(matters), 2) if matters else None,
        rounds=dict(sorted(rounds.items())),
        approved_first_round=sum(1 for m in approved if m.rounds == 1),
        approved_after_a_return=len(after_return), approved_after_one_return=once,
        share_approved_after_one_return=_share(once, len(after_return)), matters=matters)
