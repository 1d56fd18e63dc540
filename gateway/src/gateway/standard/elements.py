"""The elements of a standard a reviewer may address, each labelled in the page language."""

from typing import Any

from gateway.i18n import N_

# Each element of a standard a reviewer may address: (path, text, name of one row).
SECTIONS: list[tuple[str, str, Any]] = [
    ("name", N_("基本信息"), None),
    ("legal_basis", N_("设定依据"), lambda r: f"{r['law']} {r['article']}"),
    ("conditions", N_("受理条件"), lambda r: r),
    ("materials", N_("申请材料"), lambda r: r["name"]),
    ("committed_limit", N_("办理时限"), None),
    ("fees", N_("收费"), lambda r: r["name"]),
    ("steps", N_("办理流程"), lambda r: r["name"]),
    ("discretion_benchmarks", N_("裁量基准"), lambda r: r["circumstance"]),
    ("channels", N_("网办与到现场次数"), None),
    ("result", N_("审批结果"), None),
]


def _short(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def elements(standard: dict[str, Any], _: Any) -> list[tuple[str, str]]:
    """The paths a reviewer may address (`materials[0]`), each labelled in the page language."""
    found: list[tuple[str, str]] = []
    for key, label, row_name in SECTIONS:
        found.append((key, _(label)))
        if row_name is None:
            continue
        for i, row in enumerate(standard.get(key) or []):
            found.append((f"{key}[{i}]", f"{_(label)} · {_short(str(row_name(row)))}"))
    return found


def element_label(path: str, standard: dict[str, Any], _: Any) -> str:
    """The label of one element path of `standard`, or the path itself when it is unknown."""
    return dict(elements(standard, _)).get(path, path)
