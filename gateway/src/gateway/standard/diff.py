"""Labels of a diff between two versions: sections, changed fields and coded values."""

from typing import Any

from gateway import labels
from gateway.i18n import N_

# (diff section, text, how one entry is named)
LIST_SECTIONS: list[tuple[str, str, Any]] = [
    ("legal_basis", N_("设定依据"),
     lambda b, _: f"《{b['law']}》{b['article']}{b.get('clause') or ''}"),
    ("conditions", N_("受理条件"), lambda c, _: c["text"]),
    ("materials", N_("申请材料"), lambda m, _: m["name"]),
    ("fees", N_("收费"), lambda f, _: f"{f['name']}：{f['standard']}"),
    ("steps", N_("办理流程"),
     lambda s, _: " · ".join((s["name"], s["actor"], _("%(n)s 天", n=s["limit"])))),
    ("discretion_benchmarks", N_("裁量基准"),
     lambda d, _: f"{d['circumstance']}：{d['standard']}"),
    ("special_procedures", N_("特别程序"), lambda p, _: p["name"]),
    ("faq", N_("常见问题"), lambda q, _: q["question"]),
    ("co_handling_departments", N_("联办部门"), lambda d, _: d["name"]),
]
FIELD_SECTIONS = [("elements", N_("基本信息")), ("limits", N_("办理时限")),
                  ("channels", N_("网办与到现场次数"))]
# Labels of a changed field: by its whole path first, then by its last part.
PATH_LABELS = {"department.name": N_("实施主体"), "department.code": N_("统一社会信用代码"),
               "result.name": N_("审批结果名称"), "result.type": N_("审批结果类型"),
               "channels.online": N_("可网上办理"), "channels.online_depth": N_("网办深度"),
               "channels.onsite_visits": N_("到现场次数"),
               "channels.onsite_reason": N_("需到现场的原因"), "text": N_("条款内容"),
               "standard": N_("裁量标准")}
LEAF_LABELS = {f: labels.FIELD_LABELS[f] for f in (
    "name", "basic_code", "handling_item_code", "implementation_code", "matter_type",
    "exercise_level", "window", "service_objects", "statutory_limit", "committed_limit",
    "limit_unit", "effective_from", "required", "originals", "copies", "source", "notes",
    "waivable", "circumstance")}
LEAF_LABELS |= {"form": N_("材料形式"), "actor": N_("办理人员或科室"),
                "limit": N_("环节时限（天）"), "legal_basis": N_("设定依据")}
# Coded values and the table of labels that names them.
VALUE_NAMES = {"form": labels.MATERIAL_FORMS, "source": labels.MATERIAL_SOURCES,
               "limit_unit": labels.LIMIT_UNITS,
               "matter_type": labels.MATTER_TYPES, "exercise_level": labels.EXERCISE_LEVELS,
               "online_depth": labels.ONLINE_DEPTHS, "service_objects": labels.SERVICE_OBJECTS}


def field_label(path: str, _: Any) -> str:
    """A changed field's label in the page language (the path itself when unknown)."""
    leaf = path.rsplit(".", 1)[-1]
    label = (PATH_LABELS.get(path) or LEAF_LABELS.get(leaf)
             or labels.HISTORY_FIELD_LABELS.get(leaf))
    return _(label) if label else path


def shown(path: str, value: Any, _: Any) -> str:
    """A value as a reader understands it: codes named, yes/no, lists joined."""
    leaf = path.rsplit(".", 1)[-1]
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list):
        if leaf == "legal_basis":
            return "；".join(LIST_SECTIONS[0][2](b, _) for b in value)
        return "、".join(shown(path, v, _) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("text") or value)
    if leaf in VALUE_NAMES:
        return _(VALUE_NAMES[leaf][value])
    return str(value)


def _fields(changes: list[dict[str, Any]], _: Any) -> list[tuple[str, str, str]]:
    return [(field_label(c["field"], _), shown(c["field"], c["before"], _),
             shown(c["field"], c["after"], _)) for c in changes]


def sections(diff: dict[str, Any], _: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The changed elements in reading order, ready to show; and the unchanged ones' names."""
    changed, unchanged = [], []
    for key, label in FIELD_SECTIONS:
        if diff[key]:
            changed.append({"key": key, "label": _(label), "fields": _fields(diff[key], _),
                            "added": [], "removed": [], "changed": [], "reordered": False})
        else:
            unchanged.append(_(label))
    for key, label, name in LIST_SECTIONS:
        part = diff[key]
        if not (part["added"] or part["removed"] or part["changed"] or part["reordered"]):
            unchanged.append(_(label))
            continue
        changed.append({
            "key": key, "label": _(label), "fields": [],
            "added": [name(e, _) for e in part["added"]],
            "removed": [name(e, _) for e in part["removed"]],
            "changed": [(c["key"], _fields(c["fields"], _)) for c in part["changed"]],
            "reordered": part["reordered"]})
    return changed, unchanged
