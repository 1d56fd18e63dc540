"""Reform metrics from the versions publish keeps, computed as the catalog computes them
(catalog.versions.metrics) so they keep answering while the catalog is stopped.

A matter's version in force at an instant is its latest version published before it, unless
the matter's latest cancellation (of its latest version) came before it. The version in force
at the end of `since` (China's day) is compared with the one in force at `until`; counts of
vague and catch-all clauses come from catalog's linter with each published version."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from kit.clock import china_today, end_of_day, now
from kit.errors import Invalid
from publish.models import MatterCancellation, PublishedVersion
from publish.reform.models import VersionLint

COUNTS = ("matters_compared", "matters_changed", "matters_added", "matters_withdrawn",
          "committed_days_cut", "steps_simplified", "materials_reduced",
          "materials_standardized", "vague_clauses_fixed", "catch_all_clauses_fixed",
          "discretion_benchmarks_added", "onsite_visits_cut")
NOT_SPECIFICATION = {"order"}  # a material's position is not its specification


@dataclass
class Live:
    """One matter's published versions: (published_at, version, row), oldest first."""

    cancelled_at: datetime | None = None
    published: list[tuple[datetime, int, PublishedVersion]] = field(default_factory=list)

    def at(self, instant: datetime) -> PublishedVersion | None:
        """The version in force at `instant`, or None."""
        if self.cancelled_at is not None and self.cancelled_at < instant:
            return None
        live = [(v, row) for at, v, row in self.published if at < instant]
        return max(live, key=lambda pair: pair[0])[1] if live else None


def _live(session: Session) -> dict[str, Live]:
    matters: dict[str, Live] = defaultdict(Live)
    for row in session.execute(select(PublishedVersion)
                               .order_by(col(PublishedVersion.published_at))).scalars():
        matters[row.implementation_code].published.append((row.published_at, row.version, row))
    for tomb in session.execute(select(MatterCancellation)).scalars():
        live = matters.get(tomb.implementation_code)
        if live and tomb.version >= max(v for _, v, _ in live.published):
            live.cancelled_at = tomb.cancelled_at
    return matters


def _cut(before: Any, after: Any) -> int:
    return max(0, int(before or 0) - int(after or 0))


def _keyed(items: list[Any]) -> dict[str, Any]:
    """Materials by name; a name seen again gets its occurrence number (as catalog's diff)."""
    found: dict[str, Any] = {}
    for item in items:
        entry = {"text": item, "legal_basis": []} if isinstance(item, str) else item
        name, n = str(entry.get("name", entry.get("text", ""))), 1
        while (name if n == 1 else f"{name} ({n})") in found:
            n += 1
        found[name if n == 1 else f"{name} ({n})"] = entry
    return found


def _specified_differently(before: dict[str, Any], after: dict[str, Any]) -> bool:
    keys = (set(before) | set(after)) - NOT_SPECIFICATION
    return any(before.get(k) != after.get(k) for k in keys)


def _standardized(before: list[Any], after: list[Any]) -> int:
    old, new = _keyed(before), _keyed(after)
    return sum(1 for name in new if name in old and _specified_differently(old[name], new[name]))


def compare(before: dict[str, Any], after: dict[str, Any],
            clauses: tuple[tuple[int, int], tuple[int, int]]) -> dict[str, int]:
    """What one matter's standard gained between two published documents (each ≥ 0)."""
    (vague_before, catch_before), (vague_after, catch_after) = clauses
    visits = [(d.get("channels") or {}).get("onsite_visits") for d in (before, after)]
    return {
        "committed_days_cut": _cut(before.get("committed_limit"), after.get("committed_limit")),
        "steps_simplified": _cut(len(before.get("steps") or []), len(after.get("steps") or [])),
        "materials_reduced": _cut(len(before.get("materials") or []),
                                  len(after.get("materials") or [])),
        "materials_standardized": _standardized(before.get("materials") or [],
                                                after.get("materials") or []),
        "vague_clauses_fixed": _cut(vague_before, vague_after),
        "catch_all_clauses_fixed": _cut(catch_before, catch_after),
        "discretion_benchmarks_added": _cut(len(after.get("discretion_benchmarks") or []),
                                            len(before.get("discretion_benchmarks") or [])),
        "onsite_visits_cut": _cut(*visits),
    }


def _lint(session: Session) -> dict[tuple[str, int], tuple[int, int]]:
    return {(r.implementation_code, r.version): (r.vague_clauses, r.catch_all_clauses)
            for r in session.execute(select(VersionLint)).scalars()}


def _department(row: PublishedVersion) -> tuple[str, str]:
    department = row.document.get("department") or {}
    return str(department.get("code") or ""), str(department.get("name") or "")


def metrics(*, session: Session, since: date, until: date | None = None) -> dict[str, Any]:
    """The reform metrics of the zone and of each department between the end of `since` and
    the end of `until` (or now, when absent, today or later); 422 when `since` is later."""
    today = china_today()
    if since > min(until or today, today):
        raise Invalid("since must not be after until (nor after today).",
                      errors=[{"loc": ["query", "since"], "msg": "after until"}])
    instant = end_of_day(until) if until is not None and until < today else now()
    matters, lint, start = _live(session), _lint(session), end_of_day(since)
    sums: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    names: dict[str, str] = {}
    for code, live in matters.items():
        before, after = live.at(start), live.at(instant)
        code_of, names[code_of] = _department(live.published[-1][2])
        counts = sums[code_of]
        if before is None and after is not None:
            counts["matters_added"] += 1
        elif before is not None and after is None:
            counts["matters_withdrawn"] += 1
        elif before is not None and after is not None:
            counts["matters_compared"] += 1
            if before.version != after.version:
                counts["matters_changed"] += 1
                clauses = (lint.get((code, before.version), (0, 0)),
                           lint.get((code, after.version), (0, 0)))
                for key, value in compare(before.document, after.document, clauses).items():
                    counts[key] += value
    return {"since": since, "until": instant,
            "totals": {k: sum(s[k] for s in sums.values()) for k in COUNTS},
            "departments": [{"code": c, "name": names[c], **sums[c]} for c in sorted(sums)]}
