"""The consolidated feedback letter (一次性反馈) built from a case's opinions: one numbered point
per element (or row), duplicates merged into it, and contradictions flagged for the lead.

Opinions on the same element are one point: their aspects, reviewers and texts gathered (a text
said twice is said once), the severity the strictest. Opinions that *propose* something for the
element — delete it, keep it, change it to a value — contradict each other when they propose
different things (delete vs keep, a limit of 5 vs one of 7); such a conflict stays open until the
lead rules on it (`ConflictResolution`), and no letter is sent while one is open. The ruling
keeps the chosen proposal (and the opinions that agree with it) and overrules the others.
"""

import re
from dataclasses import dataclass
from typing import Any

from review.anchors import parse, row_path
from review.models import ConflictResolution, Opinion

SEVERITY_ORDER = ("must_fix", "suggestion")
_NOISE = re.compile(r"[\s，。、,.;；:：！!？?]+")


def _same_text(text: str) -> str:
    return _NOISE.sub("", text)


def proposal_of(opinion: Opinion) -> tuple[str, str] | None:
    """What an opinion proposes for its element, comparable with another's; None if nothing."""
    if opinion.proposal is None:
        return None
    return opinion.proposal, _same_text(opinion.proposed_value or "")


@dataclass
class Consolidation:
    """The letter's points and the conflicts among the opinions, as they stand now."""

    points: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]

    @property
    def open_conflicts(self) -> list[dict[str, Any]]:
        """Conflicts the lead has not ruled on."""
        return [c for c in self.conflicts if not c["resolved"]]


def _order(standard: dict[str, Any], element: str) -> tuple[int, int]:
    keys = list(standard)
    parsed = parse(element)
    key, index = parsed if parsed else (element, None)
    return (keys.index(key) if key in keys else len(keys)), -1 if index is None else index


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v))


def _ruling(element: str, ids: list[int],
            resolutions: list[ConflictResolution]) -> ConflictResolution | None:
    settled = [r for r in resolutions if r.element == element and set(ids) <= set(r.opinion_ids)]
    return settled[-1] if settled else None


def _conflict(element: str, group: list[Opinion],
              resolutions: list[ConflictResolution]) -> tuple[dict[str, Any] | None, list[Opinion]]:
    """The conflict among `group` (None if they agree) and the opinions the letter keeps."""
    proposing = [o for o in group if o.proposal]
    if len({proposal_of(o) for o in proposing}) < 2:
        return None, group
    ids = [o.id for o in proposing if o.id is not None]
    ruling = _ruling(element, ids, resolutions)
    conflict = {"element": element, "opinion_ids": ids, "resolved": ruling is not None,
                "proposals": [{"opinion_id": o.id, "reviewer": o.reviewer_name,
                               "proposal": o.proposal, "value": o.proposed_value,
                               "text": o.text} for o in proposing],
                "resolution": None if ruling is None else {
                    "chosen_opinion_id": ruling.chosen_opinion_id, "note": ruling.note,
                    "lead_name": ruling.lead_name, "resolved_at": ruling.resolved_at}}
    if ruling is None:
        return conflict, group
    chosen = next((proposal_of(o) for o in proposing if o.id == ruling.chosen_opinion_id), None)
    return conflict, [o for o in group if not o.proposal or proposal_of(o) == chosen]


def _point(element: str, kept: list[Opinion], conflict: dict[str, Any] | None) -> dict[str, Any]:
    first = kept[0] if kept else None
    anchor = next((o.anchor for o in kept if o.anchor), None)
    said: dict[str, str] = {}
    for o in kept:
        said.setdefault(_same_text(o.text), o.text)
    texts = list(said.values())
    note = (conflict or {}).get("resolution") or {}
    agreed = next((o for o in kept if o.proposal), None)
    reviewers = _unique([o.reviewer_name for o in kept])
    aspects = _unique([o.aspect for o in kept])
    return {
        "element": element, "row_name": anchor["name"] if anchor else None, "anchor": anchor,
        "aspect": aspects[0] if aspects else "legality", "aspects": aspects,
        "severity": min((o.severity for o in kept), key=SEVERITY_ORDER.index,
                        default="must_fix"),
        "text": "\n".join([*texts, *([note["note"]] if note.get("note") else [])]),
        "texts": texts, "wording": "\n".join(_unique([o.wording for o in kept])) or None,
        "proposal": agreed.proposal if agreed else None,
        "value": agreed.proposed_value if agreed else None,
        "reviewer": "、".join(reviewers), "reviewers": reviewers,
        "opinion_ids": [o.id for o in kept], "merged": len(kept) > 1,
        "conflict": None if conflict is None else ("resolved" if conflict["resolved"]
                                                   else "open"),
        "resolution": note.get("note") or None, "first_id": first.id if first else 0}


def consolidate(standard: dict[str, Any], opinions: list[Opinion],
                resolutions: list[ConflictResolution]) -> Consolidation:
    """The points of the letter (numbered in the standard's order) and the conflicts."""
    groups: dict[str, list[Opinion]] = {}
    for opinion in opinions:
        groups.setdefault(row_path(opinion.element), []).append(opinion)
    points, conflicts = [], []
    for element, group in groups.items():
        conflict, kept = _conflict(element, group, resolutions)
        if conflict:
            conflicts.append(conflict)
        if kept or (conflict and conflict["resolution"]):
            points.append(_point(element, kept, conflict))
    points.sort(key=lambda p: (_order(standard, p["element"]), p.pop("first_id")))
    for number, point in enumerate(points, start=1):
        point["number"] = number
    return Consolidation(points=points, conflicts=conflicts)
