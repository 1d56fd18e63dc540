"""The parts of a standard a lead hands out (分解到人): element areas, as the catalog's layout
groups the elements into sections (catalog/layout/elements.py; a test keeps the two agreeing).

conditions ← 受理条件; materials ← 申请材料; time_limits ← 办理时限, 特别程序, 延期办理;
fees ← 收费; discretion ← 裁量基准; other ← every other section (basic information, legal
basis, steps, channels, result, questions, co-handling, contacts, dates).
"""

import re
from typing import Any

AREAS = ("conditions", "materials", "time_limits", "fees", "discretion", "other")
# The root elements of each area but `other` (a root element not named here is `other`).
ELEMENTS = {
    "conditions": ("conditions",),
    "materials": ("materials",),
    "time_limits": ("statutory_limit", "committed_limit", "limit_unit", "limit_explanation",
                    "case_class", "special_procedures", "extension"),
    "fees": ("fees",),
    "discretion": ("discretion_benchmarks",),
}
AREA_OF = {element: area for area, elements in ELEMENTS.items() for element in elements}
# Areas every standard has (required elements); the others only when the standard fills them.
ALWAYS = ("time_limits", "other")
ROOT = re.compile(r"^[A-Za-z_]+")


def area_of(path: str) -> str:
    """The area of an element path (`materials[2].name` → materials)."""
    root = ROOT.match(path)
    return AREA_OF.get(root.group(0), "other") if root else "other"


def parts_of(standard: dict[str, Any]) -> list[str]:
    """The areas of a standard to review, in reading order: those it fills, and the ones every
    standard has."""
    filled = {AREA_OF[key] for key, value in standard.items()
              if key in AREA_OF and value not in (None, "", [], {})}
    return [area for area in AREAS if area in filled or area in ALWAYS]
