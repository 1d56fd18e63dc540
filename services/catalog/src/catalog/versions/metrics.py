"""Reform metrics: what standardization changed, from the versions in force on two dates.

"In force at an instant" is the matter's latest version whose `published_at` (the moment it
went live; for a scheduled version, its go-live on the effective date) is before that instant,
unless the matter was withdrawn (`cancelled_at`) before it. A version is superseded only by a
later one going live, so the latest one live is never superseded yet. "In force on a date" is
in force at the end of that day in China (Asia/Shanghai); "now" is the moment of the request.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.lint import PhraseBook, lint_standard, load_phrases
from catalog.models import Department, Matter, MatterVersion
from catalog.versions.diff import LIST_KEYS, list_diff
from kit.clock import china_today, end_of_day, now
from kit.errors import Invalid, NotFound

CATCH_ALL, VAGUE = "catch-all-clause", "vague-clause"
COUNTS = ("matters_compared", "matters_changed", "matters_added", "matters_withdrawn",
          "committed_days_cut", "steps_simplified", "materials_reduced",
          "materials_standardized", "vague_clauses_fixed", "catch_all_clauses_fixed",
          "discretion_benchmarks_added", "onsite_visits_cut")
# What a material's specification is: everything but its name (the key) and its position.
NOT_SPECIFICATION = {"order"}


@dataclass
class Live:
    """One matter's published versions: (published_at, version, row id), oldest first."""

    department: str
    cancelled_at: datetime | None
    published: list[tuple[datetime, int, int]] = field(default_factory=list)

    def at(self, instant: datetime) -> tuple[int, int] | None:
        """(version, row id) in force at `instant`, or None."""
        if self.cancelled_at is not None and self.cancelled_at < instant:
            return None
        live = [(v, i) for at, v, i in self.published if at < instant]
        return max(live) if live else None


def _live(session: Session, department: str | None) -> dict[int, Live]:
    query = (select(col(Matter.id), col(Matter.department_code), col(Matter.cancelled_at),
                    col(MatterVersion.published_at), col(MatterVersion.version),
                    col(MatterVersion.id))
             .join(MatterVersion, col(MatterVersion.matter_id) == Matter.id)
             .where(col(MatterVersion.published_at).is_not(None)))
    if department is not None:
        query = query.where(col(Matter.department_code) == department)
    matters: dict[int, Live] = {}
    for matter_id, dept, cancelled_at, published_at, version, row_id in session.execute(query):
        # keys are never null, nor is published_at here (filtered above)
        assert matter_id is not None and row_id is not None and published_at is not None
        entry = matters.setdefault(matter_id, Live(dept, cancelled_at))
        entry.published.append((published_at, version, row_id))
    return matters


def _standards(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    chunk = sorted(ids)
    for start in range(0, len(chunk), 500):
        rows = session.execute(select(col(MatterVersion.id), col(MatterVersion.standard))
                               .where(col(MatterVersion.id).in_(chunk[start:start + 500])))
        found.update({row_id: standard for row_id, standard in rows})
    return found


def _cut(before: Any, after: Any) -> int:
    return max(0, int(before or 0) - int(after or 0))


def _clauses(standard: dict[str, Any], book: PhraseBook) -> tuple[int, int]:
    rules = [f.rule for f in lint_standard(standard, book)]
    return rules.count(VAGUE), rules.count(CATCH_ALL)


def compare(before: dict[str, Any], after: dict[str, Any], book: PhraseBook) -> dict[str, int]:
    """What one matter's standard gained between two versions (each count ≥ 0)."""
    materials = list_diff(before.get("materials") or [], after.get("materials") or [],
                          LIST_KEYS["materials"])
    standardized = sum(1 for c in materials["changed"]
                       if any(f["field"] not in NOT_SPECIFICATION for f in c["fields"]))
    (vague_before, catch_before), (vague_after, catch_after) = (
        _clauses(before, book), _clauses(after, book))
    visits = [(s.get("channels") or {}).get("onsite_visits") for s in (before, after)]
    return {
        "committed_days_cut": _cut(before.get("committed_limit"), after.get("committed_limit")),
        "steps_simplified": _cut(len(before.get("steps") or []), len(after.get("steps") or [])),
        "materials_reduced": _cut(len(before.get("materials") or []),
                                  len(after.get("materials") or [])),
        "materials_standardized": standardized,
        "vague_clauses_fixed": _cut(vague_before, vague_after),
        "catch_all_clauses_fixed": _cut(catch_before, catch_after),
        "discretion_benchmarks_added": _cut(len(after.get("discretion_benchmarks") or []),
                                            len(before.get("discretion_benchmarks") or [])),
        "onsite_visits_cut": _cut(*visits),
    }


def reform_metrics(*, session: Session, since: date, until: datetime,
                   department: str | None = None) -> dict[str, Any]:
    """The metrics of the zone and of each department between `since` and `until`."""
    matters = _live(session, department)
    start = end_of_day(since)
    pairs = {m: (live.at(start), live.at(until)) for m, live in matters.items()}
    standards = _standards(session, {p[1] for pair in pairs.values() for p in pair if p})
    book = load_phrases(session=session)
    sums: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for matter_id, (before, after) in pairs.items():
        counts = sums[matters[matter_id].department]
        if before is None and after is not None:
            counts["matters_added"] += 1
        elif before is not None and after is None:
            counts["matters_withdrawn"] += 1
        elif before is not None and after is not None:
            counts["matters_compared"] += 1
            if before != after:
                counts["matters_changed"] += 1
                gained = compare(standards[before[1]], standards[after[1]], book)
                for key, value in gained.items():
                    counts[key] += value
    return {"totals": {k: sum(s[k] for s in sums.values()) for k in COUNTS},
            "departments": _by_department(session, sums, department)}


def _by_department(session: Session, sums: dict[str, dict[str, int]],
                   department: str | None) -> list[dict[str, Any]]:
    query = select(Department).order_by(col(Department.code))
    if department is not None:
        query = query.where(col(Department.code) == department)
    return [{"code": d.code, "name": d.name, **sums.get(d.code, dict.fromkeys(COUNTS, 0))}
            for d in session.scalars(query)]


def report(*, session: Session, since: date, until: date | None,
           department: str | None) -> dict[str, Any]:
    """The metrics between the end of `since` and the end of `until` (or now, when `until` is
    absent or today or later); 422 when `since` comes after it, 404 for an unknown department."""
    if department is not None and session.get(Department, department) is None:
        raise NotFound(f"No department {department!r}.")
    today = china_today()
    if since > min(until or today, today):
        raise Invalid("since must not be after until (nor after today).",
                      errors=[{"loc": ["query", "since"], "msg": "after until"}])
    instant = end_of_day(until) if until is not None and until < today else now()
    return {"since": since, "until": instant, "department": department,
            **reform_metrics(session=session, since=since, until=instant, department=department)}
