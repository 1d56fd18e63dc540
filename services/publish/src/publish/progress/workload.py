"""The review's own workload for a period: standards, elements and characters reviewed, per
group and per reviewer, from the rounds review reported as concluded."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kit.clock import now
from publish.progress import repository
from publish.progress.models import ReviewedCase, ReviewerShare
from publish.progress.schemas import WorkloadEvent


def on_workload(*, session: Session, event: WorkloadEvent) -> None:
    """`review.workload`: keep a concluded round once (a repeated case id changes nothing)."""
    if session.get(ReviewedCase, event.case_id) is not None:
        return
    session.add(ReviewedCase(
        case_id=event.case_id, round=event.round, group_code=event.group,
        implementation_code=event.implementation_code, version=event.version,
        department_code=event.department.code, decision=event.decision,
        elements=event.elements, characters=event.characters, concluded_at=event.concluded_at))
    session.flush()
    for part in {p.reviewer: p for p in event.reviewers}.values():
        session.add(ReviewerShare(case_id=event.case_id, reviewer=part.reviewer,
                                  name=part.name or part.reviewer, opinions=part.opinions,
                                  elements=part.elements))
    session.flush()


def _row(key: dict[str, Any]) -> dict[str, Any]:
    return {**key, "standards": set(), "rounds": 0, "elements": 0, "characters": 0,
            "opinions": 0}


def figures(*, session: Session, since: datetime, until: datetime | None = None,
            ) -> dict[str, Any]:
    """Per group and per reviewer: standards (distinct versions), rounds, elements, characters."""
    groups: dict[str, dict[str, Any]] = {}
    people: dict[str, dict[str, Any]] = {}
    for case, shares in repository.reviewed(session=session, since=since, until=until or now()):
        standard = f"{case.implementation_code}/{case.version}"
        group = groups.setdefault(case.group_code, _row({"group": case.group_code}))
        _add(group, standard, case, elements=case.elements, opinions=sum(
            s.opinions for s in shares))
        for share in shares:
            person = people.setdefault(share.reviewer, _row(
                {"reviewer": share.reviewer, "name": share.name, "group": case.group_code}))
            _add(person, standard, case, elements=share.elements, opinions=share.opinions)
    return {"groups": _plain(groups), "reviewers": _plain(people),
            "totals": _totals(groups)}


def _add(row: dict[str, Any], standard: str, case: ReviewedCase, *, elements: int,
         opinions: int) -> None:
    row["standards"].add(standard)
    row["rounds"] += 1
    row["elements"] += elements
    row["characters"] += case.characters
    row["opinions"] += opinions


def _plain(rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    listed = [{**r, "standards": len(r["standards"])} for r in rows.values()]
    return sorted(listed, key=lambda r: (-r["characters"], r.get("reviewer") or r["group"]))


def _totals(groups: dict[str, dict[str, Any]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for row in groups.values():
        totals["standards"] += len(row["standards"])
        for key in ("rounds", "elements", "characters", "opinions"):
            totals[key] += row[key]
    return {k: totals[k] for k in ("standards", "rounds", "elements", "characters", "opinions")}


