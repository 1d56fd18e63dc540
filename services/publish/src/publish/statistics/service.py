"""Handling times and satisfaction from intake's events, and the public figures: per matter,
department and month, actual days (P50, P90) against the committed and statutory limits,
overdue share, ratings; and the published matters by department and type. Flush only."""

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from kit.clock import now
from publish.models import PublicMatter
from publish.statistics.models import CaseRating, ClosedCase
from publish.statistics.schemas import ClosedEvent, RatedEvent


def on_closed(*, session: Session, event: ClosedEvent) -> None:
    """`application.closed`: keep the case's handling time (again: replaced)."""
    fields = event.model_dump(exclude={"case_id", "department"}) | {
        "department_code": event.department.code, "department_name": event.department.name,
        "received_at": now()}
    row = session.get(ClosedCase, event.case_id)
    if row is None:
        session.add(ClosedCase(case_id=event.case_id, **fields))
    else:
        for name, value in fields.items():
            setattr(row, name, value)
    session.flush()


def on_rated(*, session: Session, event: RatedEvent) -> None:
    """`application.rated`: keep the score for the satisfaction figures."""
    fields: dict[str, Any] = {"implementation_code": event.implementation_code,
                              "matter_name": event.matter_name,
                              "department_code": event.department.code if event.department
                              else None,
                              "department_name": event.department.name if event.department
                              else None,
                              "score": event.score, "rated_on": event.rated_on,
                              "received_at": now()}
    row = session.get(CaseRating, event.rating_id)
    if row is None:
        session.add(CaseRating(rating_id=event.rating_id, **fields))
    else:
        for name, value in fields.items():
            setattr(row, name, value)
    session.flush()


def percentile(values: Iterable[int], share: float) -> int | None:
    """The nearest-rank percentile: the smallest value with at least `share` of the values at
    or below it (None for no values)."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def _handling(cases: list[ClosedCase]) -> dict[str, Any]:
    days = [c.days_used for c in cases if c.days_used is not None]
    overdue = sum(1 for c in cases if c.overdue)
    return {"closed": len(cases), "overdue": overdue,
            "overdue_share": round(overdue / len(cases), 4) if cases else None,
            "p50_days": percentile(days, 0.5), "p90_days": percentile(days, 0.9)}


def _satisfaction(ratings: list[CaseRating]) -> dict[str, Any]:
    scores = [r.score for r in ratings]
    return {"ratings": len(scores),
            "average_score": round(sum(scores) / len(scores), 2) if scores else None,
            "satisfied_share": round(sum(1 for s in scores if s >= 4) / len(scores), 4)
            if scores else None}


def figures(*, session: Session, start: date, end: date) -> dict[str, Any]:
    """The handling and satisfaction figures of the cases decided (and ratings given) between
    `start` and `end`, both included: the totals, per matter, per department, per month."""
    cases = list(session.execute(select(ClosedCase).where(
        col(ClosedCase.decided_on) >= start, col(ClosedCase.decided_on) <= end)
        .order_by(col(ClosedCase.decided_on))).scalars())
    ratings = list(session.execute(select(CaseRating).where(
        col(CaseRating.rated_on) >= start, col(CaseRating.rated_on) <= end)).scalars())
    online = sum(1 for c in cases if c.channel == "online")
    return {"start": start, "end": end,
            "totals": _handling(cases) | _satisfaction(ratings) | {
                "online_share": round(online / len(cases), 4) if cases else None},
            "matters": _per_matter(cases, ratings), "departments": _per_department(cases, ratings),
            "months": _per_month(cases, ratings)}


def _per_matter(cases: list[ClosedCase], ratings: list[CaseRating]) -> list[dict[str, Any]]:
    grouped, scored = _group(cases, "implementation_code"), _group(ratings, "implementation_code")
    rows = []
    for code, found in grouped.items():
        last = found[-1]
        rows.append({"implementation_code": code, "name": last.matter_name,
                     "department_name": last.department_name,
                     "committed_limit": last.committed_limit,
                     "statutory_limit": last.statutory_limit, "limit_unit": last.limit_unit,
                     **_handling(found), **_satisfaction(scored.get(code, []))})
    return sorted(rows, key=lambda r: (r["department_name"], r["name"]))


def _per_department(cases: list[ClosedCase], ratings: list[CaseRating]) -> list[dict[str, Any]]:
    grouped, scored = _group(cases, "department_code"), _group(ratings, "department_code")
    rows = [{"code": code, "name": found[-1].department_name, **_handling(found),
             "average_committed_limit": round(
                 sum(c.committed_limit for c in found) / len(found), 2),
             **_satisfaction(scored.get(code, []))} for code, found in grouped.items()]
    return sorted(rows, key=lambda r: r["code"])


def _per_month(cases: list[ClosedCase], ratings: list[CaseRating]) -> list[dict[str, Any]]:
    months: dict[str, list[ClosedCase]] = defaultdict(list)
    scored: dict[str, list[CaseRating]] = defaultdict(list)
    for case in cases:
        months[case.decided_on.strftime("%Y-%m")].append(case)
    for rating in ratings:
        scored[rating.rated_on.strftime("%Y-%m")].append(rating)
    return [{"month": m, **_handling(months[m]),
             "average_committed_limit": round(
                 sum(c.committed_limit for c in months[m]) / len(months[m]), 2)
             if months[m] else None, **_satisfaction(scored[m])}
            for m in sorted(set(months) | set(scored))]


def _group(rows: Iterable[Any], key: str) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        if getattr(row, key) is not None:
            grouped[getattr(row, key)].append(row)
    return grouped


def catalogue(*, session: Session) -> dict[str, Any]:
    """The published matters by department and type, their online and zero-visit shares."""
    rows = [(m.department_code, m.department_name, m.matter_type, m.online, m.onsite_visits)
            for m in session.execute(select(PublicMatter)).scalars()]
    table: dict[str, dict[str, Any]] = {}
    for code, name, matter_type, _, _ in rows:
        entry = table.setdefault(code, {"code": code, "name": name, "matters": 0, "types": {}})
        entry["matters"] += 1
        entry["types"][matter_type] = entry["types"].get(matter_type, 0) + 1
    total = len(rows)
    return {"matters": total, "types": sorted({r[2] for r in rows}),
            "departments": sorted(table.values(), key=lambda d: d["code"]),
            "online_share": round(sum(1 for r in rows if r[3]) / total, 4) if total else None,
            "zero_visit_share": round(sum(1 for r in rows if r[4] == 0) / total, 4)
            if total else None}
