"""The review letter's points on pages: an opinion as the form gives it, each point labelled by
the row it was made on (its name then, never the row now at that position), the earlier rounds
with the department's answers, and what a re-review has locked."""

import re
from typing import Any

from gateway.clients.review import Case
from gateway.standard.elements import element_label, elements
from gateway.standard.layout import Reader

SEVERITIES = ("must_fix", "suggestion")
PROPOSALS = ("delete", "keep", "change")
ROW = re.compile(r"^([a-z_]+)\[(\d{1,4})\]")


def opinion_body(typed: dict[str, str]) -> dict[str, Any]:
    """The review API's opinion from the form's typed fields (blank optional fields dropped)."""
    body: dict[str, Any] = {k: typed[k] for k in ("element", "aspect", "text")}
    body["severity"] = typed["severity"] if typed["severity"] in SEVERITIES else "must_fix"
    if typed["proposal"] in PROPOSALS:
        body["proposal"] = typed["proposal"]
    for key in ("value", "wording"):
        if typed[key].strip():
            body[key] = typed[key].strip()
    return body


def point_label(point: dict[str, Any], standard: dict[str, Any], layout: Reader) -> str:
    """A point's element as it was reviewed: `申请材料 · 营业执照` by the row's name then."""
    match = ROW.match(str(point.get("element", "")))
    if match and point.get("row_name"):
        return f"{layout.label(match[1])} · {point['row_name']}"
    return element_label(str(point.get("element", "")), standard, layout)


def _labelled(points: list[dict[str, Any]], standard: dict[str, Any],
              layout: Reader) -> list[dict[str, Any]]:
    return [{**p, "label": point_label(p, standard, layout),
             "now_label": element_label(p["now_at"], standard, layout) if p.get("now_at")
             else None} for p in points]


def desk_extras(case: Case, consolidated: dict[str, Any], layout: Reader) -> dict[str, Any]:
    """What the case page adds for the letter: the points and conflicts, the earlier rounds,
    and the elements a re-review covers (the others shown locked)."""
    standard = case.standard
    extra = case.model_extra or {}
    opened = extra.get("open_elements")
    labels = dict(elements(standard, layout))
    conflicts = [{**c, "label": labels.get(c["element"]) or element_label(c["element"], standard,
                                                                          layout)}
                 for c in consolidated.get("conflicts", [])]
    return {"points": _labelled(consolidated.get("points", []), standard, layout),
            "conflicts": conflicts, "open_conflicts": consolidated.get("open_conflicts", 0),
            "open_elements": opened,
            "open_labels": [labels.get(p) or element_label(p, standard, layout)
                            for p in opened or []],
            "earlier_rounds": [{**r, "points": _labelled(r["points"], standard, layout)}
                               for r in extra.get("earlier_rounds", [])],
            "severities": SEVERITIES, "proposals": PROPOSALS,
            "point_label": lambda point: point_label(point, standard, layout)}
