"""The progress figures of departments, computed from the versions' moves alone (pure): the same
moves and dates give the same figures, so a past period's report can be made at any time."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kit.clock import china_date
from publish.progress.calendar import working_days_between
from publish.progress.models import StateChange

STATES = ("draft", "submitted", "in_review", "returned", "approved", "published")
FOLDED = {"scheduled": "published"}  # approved, goes live on its date by itself: done
GONE = {"cancelled", "superseded"}


@dataclass
class Track:
    """One matter as its moves tell it, up to the end of the period."""

    code: str
    name: str
    department: tuple[str, str]
    versions: dict[int, list[StateChange]] = field(default_factory=lambda: defaultdict(list))

    def counted(self) -> list[StateChange] | None:
        """The moves of the version that stands for the matter: the newest one not gone."""
        for version in sorted(self.versions, reverse=True):
            moves = self.versions[version]
            if moves[-1].to_state not in GONE:
                return moves
        return None

    def last_move(self) -> datetime:
        """When anything last happened to the matter."""
        return max(m.at for moves in self.versions.values() for m in moves)


def tracks(changes: Iterable[StateChange]) -> list[Track]:
    """The matters of `changes` (ordered by time), each with its moves per version."""
    found: dict[str, Track] = {}
    for change in changes:
        track = found.setdefault(change.implementation_code, Track(
            change.implementation_code, change.name,
            (change.department_code, change.department_name)))
        track.name, track.department = change.name, (change.department_code,
                                                      change.department_name)
        track.versions[change.version].append(change)
    return list(found.values())


def days_in_states(moves: list[StateChange], until: datetime) -> dict[str, float]:
    """The days a version spent in each state, the last one counted up to `until`."""
    spent: dict[str, float] = defaultdict(float)
    for move, after in zip(moves, [*moves[1:], None], strict=True):
        ended = after.at if after else until
        state = FOLDED.get(move.to_state, move.to_state)
        spent[state] += max((ended - move.at).total_seconds(), 0) / 86400
    return dict(spent)


@dataclass
class Rules:
    """What the flags are judged against."""

    start: date
    end: date
    until: datetime  # the end of the period's last day
    deadline: date | None
    line_start: date | None
    stall_working_days: int


def expected_share(rules: Rules) -> float | None:
    """The straight line to the deadline: the share published by now if on time."""
    if rules.deadline is None or rules.line_start is None:
        return None
    whole = (rules.deadline - rules.line_start).days
    if whole <= 0:
        return 1.0
    return min(max((rules.end - rules.line_start).days / whole, 0.0), 1.0)


def department(code: str, name: str, matters: list[Track], target: int | None,
               rules: Rules, known: int = 0) -> dict[str, Any]:
    """One department's figures and flags; `known`: its matters known today (a past period's
    target is all of them too, those not yet begun then included)."""
    counts = dict.fromkeys(STATES, 0)
    rounds: list[int] = []
    spent: dict[str, list[float]] = defaultdict(list)
    twice: list[str] = []
    stalled: list[tuple[str, int]] = []
    published_now = 0
    for track in matters:
        moves = track.counted()
        if moves is None:
            continue
        state = FOLDED.get(moves[-1].to_state, moves[-1].to_state)
        counts[state] = counts.get(state, 0) + 1
        rounds.append(sum(m.to_state == "submitted" for m in moves))
        for key, days in days_in_states(moves, rules.until).items():
            spent[key].append(days)
        returns = [m.at for m in moves if m.to_state == "returned"]
        if len(returns) >= 2 and (state != "published"
                                  or rules.start <= china_date(returns[1]) <= rules.end):
            twice.append(track.name)
        idle = working_days_between(china_date(track.last_move()), rules.end)
        if state != "published" and idle >= rules.stall_working_days:
            stalled.append((track.name, idle))
        published_now += sum(m.to_state == "published" and rules.start <= china_date(m.at)
                             for m in moves)
    total = sum(counts.values())
    goal = target if target is not None else max(total, known)
    share = min(counts["published"] / goal, 1.0) if goal else 1.0
    expected = expected_share(rules)
    flags: list[dict[str, Any]] = []
    if expected is not None and share + 1e-9 < expected:
        flags.append({"rule": "behind", "share": round(share, 4),
                      "expected": round(expected, 4), "published": counts["published"],
                      "target": goal})
    if twice:
        flags.append({"rule": "returned_twice", "matters": sorted(twice)})
    if stalled:
        flags.append({"rule": "stalled", "matters": [name for name, _ in stalled],
                      "working_days": max(days for _, days in stalled),
                      "threshold": rules.stall_working_days})
    return {"code": code, "name": name, "matters": max(total, known),
            "not_started": max(known - total, 0), "target": goal,
            "target_set": target is not None, "counts": counts,
            "published_share": round(share, 4),
            "expected_share": None if expected is None else round(expected, 4),
            "rounds_average": round(sum(rounds) / len(rounds), 2) if rounds else 0,
            "rounds_max": max(rounds, default=0),
            "days_in_state": {k: round(sum(v) / len(v), 1) for k, v in spent.items()
                              if k in STATES},
            "published_in_period": published_now, "flags": flags}
