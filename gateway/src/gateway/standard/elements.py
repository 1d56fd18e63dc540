"""The elements of a standard a reviewer may address, each labelled in the page language."""

from typing import Any

# Each element of a standard a reviewer may address: (path, message key, name of one row).
SECTIONS: list[tuple[str, str, Any]] = [
    ("name", "ed.sec.basic", None),
    ("legal_basis", "ed.sec.legal_basis", lambda r: f"{r['law']} {r['article']}"),
    ("conditions", "ed.sec.conditions", lambda r: r),
    ("materials", "ed.sec.materials", lambda r: r["name"]),
    ("committed_limit", "ed.sec.limits", None),
    ("fees", "ed.sec.fees", lambda r: r["name"]),
    ("steps", "ed.sec.steps", lambda r: r["name"]),
    ("discretion_benchmarks", "ed.sec.discretion", lambda r: r["circumstance"]),
    ("channels", "ed.sec.channels", None),
    ("result", "ed.sec.result", None),
]


def _short(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def elements(standard: dict[str, Any], t: Any) -> list[tuple[str, str]]:
    """The paths a reviewer may address (`materials[0]`), each labelled in the page language."""
    found: list[tuple[str, str]] = []
    for key, label, row_name in SECTIONS:
        found.append((key, t(label)))
        if row_name is None:
            continue
        for i, row in enumerate(standard.get(key) or []):
            found.append((f"{key}[{i}]", f"{t(label)} · {_short(str(row_name(row)))}"))
    return found


def element_label(path: str, standard: dict[str, Any], t: Any) -> str:
    """The label of one element path of `standard`, or the path itself when it is unknown."""
    return dict(elements(standard, t)).get(path, path)
