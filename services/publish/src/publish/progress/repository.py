"""Progress queries: the moves up to a moment, targets, links, settings, notices, workload."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from publish.progress.models import (
    DepartmentTarget,
    LeaderLink,
    Notice,
    ProgressSetting,
    ReviewedCase,
    ReviewerShare,
    StateChange,
)


def changes_until(*, session: Session, until: datetime) -> list[StateChange]:
    """Every move made before `until`, oldest first."""
    return list(session.scalars(select(StateChange).where(col(StateChange.at) < until)
                                .order_by(col(StateChange.at), col(StateChange.id))))


def change(*, session: Session, code: str, version: int, to: str,
           at: datetime) -> StateChange | None:
    """A move already recorded (the same version, state and moment)."""
    return session.scalars(select(StateChange).where(
        col(StateChange.implementation_code) == code, col(StateChange.version) == version,
        col(StateChange.to_state) == to, col(StateChange.at) == at)).first()


def last_received(*, session: Session) -> datetime | None:
    """When the latest move arrived."""
    return session.scalars(select(col(StateChange.received_at))
                           .order_by(col(StateChange.received_at).desc()).limit(1)).first()


def targets(*, session: Session) -> dict[str, int]:
    """Each department's target, where one is set."""
    return {t.department_code: t.target for t in session.scalars(select(DepartmentTarget))}


def links(*, session: Session) -> list[LeaderLink]:
    """Every leader's departments."""
    return list(session.scalars(select(LeaderLink).order_by(col(LeaderLink.leader),
                                                            col(LeaderLink.department_code))))


def setting(*, session: Session) -> ProgressSetting | None:
    """The zone's settings row, if saved."""
    return session.get(ProgressSetting, 1)


def notices(*, session: Session, department: str | None = None) -> list[Notice]:
    """Notices, newest first (one department's, when named)."""
    query = select(Notice).order_by(col(Notice.issued_at).desc(), col(Notice.id).desc())
    if department is not None:
        query = query.where(col(Notice.department_code) == department)
    return list(session.scalars(query))


def reviewed(*, session: Session, since: datetime,
             until: datetime) -> list[tuple[ReviewedCase, list[ReviewerShare]]]:
    """The rounds concluded in [since, until), each with its reviewers' shares."""
    cases = list(session.scalars(select(ReviewedCase).where(
        col(ReviewedCase.concluded_at) >= since, col(ReviewedCase.concluded_at) < until)))
    shares: dict[int, list[ReviewerShare]] = {c.case_id: [] for c in cases}
    if cases:
        for share in session.scalars(select(ReviewerShare).where(
                col(ReviewerShare.case_id).in_(list(shares)))):
            shares[share.case_id].append(share)
    return [(c, shares[c.case_id]) for c in cases]
