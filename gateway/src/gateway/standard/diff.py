"""Labels of a diff between two versions: sections, changed fields and coded values."""

from typing import Any

# (diff section, message key, how one entry is named)
LIST_SECTIONS: list[tuple[str, str, Any]] = [
    ("legal_basis", "ed.sec.legal_basis",
     lambda b, t: f"《{b['law']}》{b['article']}{b.get('clause') or ''}"),
    ("conditions", "ed.sec.conditions", lambda c, t: c["text"]),
    ("materials", "ed.sec.materials", lambda m, t: m["name"]),
    ("fees", "ed.sec.fees", lambda f, t: f"{f['name']}：{f['standard']}"),
    ("steps", "ed.sec.steps",
     lambda s, t: f"{s['name']} · {s['actor']} · {t('rv.case.days', n=s['limit'])}"),
    ("discretion_benchmarks", "ed.sec.discretion",
     lambda d, t: f"{d['circumstance']}：{d['standard']}"),
    ("special_procedures", "vh.sec.special_procedures", lambda p, t: p["name"]),
    ("faq", "vh.sec.faq", lambda q, t: q["question"]),
    ("co_handling_departments", "vh.sec.co_handling", lambda d, t: d["name"]),
]
FIELD_SECTIONS = [("elements", "ed.sec.basic"), ("limits", "ed.sec.limits"),
                  ("channels", "ed.sec.channels")]
# Labels of a changed field: by its whole path first, then by its last part.
PATH_LABELS = {"department.name": "ed.f.department", "department.code": "vh.f.department_code",
               "result.name": "ed.f.result_name", "result.type": "ed.f.result_type",
               "channels.online": "ed.f.online", "channels.online_depth": "ed.f.online_depth",
               "channels.onsite_visits": "ed.f.onsite_visits",
               "channels.onsite_reason": "ed.f.onsite_reason", "text": "ed.f.basis_text",
               "standard": "ed.f.discretion_standard"}
LEAF_LABELS = {f: f"ed.f.{f}" for f in (
    "name", "basic_code", "handling_item_code", "implementation_code", "matter_type",
    "exercise_level", "window", "service_objects", "statutory_limit", "committed_limit",
    "limit_unit", "effective_from", "required", "originals", "copies", "source", "notes",
    "waivable", "circumstance")}
LEAF_LABELS |= {"form": "ed.f.material_form", "actor": "ed.f.step_actor",
                "limit": "ed.f.step_limit", "legal_basis": "ed.sec.legal_basis"}
# Coded values and the message prefix that names them.
VALUE_NAMES = {"form": "ed.mform.", "source": "ed.source.", "limit_unit": "ed.unit.",
               "matter_type": "ed.type.", "exercise_level": "ed.level.",
               "online_depth": "ed.depth.", "service_objects": "ed.object."}


def field_label(path: str, t: Any) -> str:
    """A changed field's label in the page language (the path itself when unknown)."""
    key = PATH_LABELS.get(path) or LEAF_LABELS.get(path.rsplit(".", 1)[-1])
    if key is None:
        key = f"vh.f.{path.rsplit('.', 1)[-1]}"
    label = t(key)
    return path if label == key else label


def shown(path: str, value: Any, t: Any) -> str:
    """A value as a reader understands it: codes named, yes/no, lists joined."""
    leaf = path.rsplit(".", 1)[-1]
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return t("rv.yes") if value else t("rv.no")
    if isinstance(value, list):
        if leaf == "legal_basis":
            return "；".join(LIST_SECTIONS[0][2](b, t) for b in value)
        return "、".join(shown(path, v, t) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("text") or value)
    if leaf in VALUE_NAMES:
        return t(f"{VALUE_NAMES[leaf]}{value}")
    return str(value)


def _fields(changes: list[dict[str, Any]], t: Any) -> list[tuple[str, str, str]]:
    return [(field_label(c["field"], t), shown(c["field"], c["before"], t),
             shown(c["field"], c["after"], t)) for c in changes]


def sections(diff: dict[str, Any], t: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The changed elements in reading order, ready to show; and the unchanged ones' names."""
    changed, unchanged = [], []
    for key, label in FIELD_SECTIONS:
        if diff[key]:
            changed.append({"key": key, "label": t(label), "fields": _fields(diff[key], t),
                            "added": [], "removed": [], "changed": [], "reordered": False})
        else:
            unchanged.append(t(label))
    for key, label, name in LIST_SECTIONS:
        part = diff[key]
        if not (part["added"] or part["removed"] or part["changed"] or part["reordered"]):
            unchanged.append(t(label))
            continue
        changed.append({
            "key": key, "label": t(label), "fields": [],
            "added": [name(e, t) for e in part["added"]],
            "removed": [name(e, t) for e in part["removed"]],
            "changed": [(c["key"], _fields(c["fields"], t)) for c in part["changed"]],
            "reordered": part["reordered"]})
    return changed, unchanged
