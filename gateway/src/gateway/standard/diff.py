"""A diff between two versions in words: every section, changed field and coded value labelled
from the layout, never by its key (`consultation.phone` shows as 咨询电话)."""

from typing import Any

from gateway.standard.layout import Reader

# The diff's groups of scalar elements and the layout section whose label names each.
FIELD_SECTIONS = (("elements", "basic"), ("limits", "limits"), ("channels", "channels"))


def _section_label(key: str, layout: Reader) -> str:
    return next((s.label(layout.lang) for s in layout.sections if s.key == key), key)


def shown(path: str, value: Any, layout: Reader) -> str:
    """A value as a reader understands it: codes named, yes/no, lists joined."""
    if value is None or value == "" or value == []:
        return "—"
    element = layout.element(path)
    if isinstance(value, list):
        if element is not None and element.kind in ("list", "departments", "citations"):
            return "；".join(layout.named(path, v) for v in value)
        return "、".join(shown(path, v, layout) for v in value)
    if isinstance(value, dict):
        return layout.named(path, value)
    if isinstance(value, bool) or (element is not None and element.choices):
        return layout.choice(path, value)
    return str(value)


def _fields(changes: list[dict[str, Any]], prefix: str,
            layout: Reader) -> list[tuple[str, str, str]]:
    """(label, before, after) of each changed field; `prefix` is the list an entry is of."""
    paths = [f"{prefix}.{c['field']}" if prefix else c["field"] for c in changes]
    return [(layout.label(p), shown(p, c["before"], layout), shown(p, c["after"], layout))
            for p, c in zip(paths, changes, strict=True)]


def sections(diff: dict[str, Any], layout: Reader) -> tuple[list[dict[str, Any]], list[str]]:
    """The changed elements in reading order, ready to show; and the unchanged ones' names."""
    changed, unchanged = [], []
    for key, section in FIELD_SECTIONS:
        label = _section_label(section, layout)
        if diff[key]:
            changed.append({"key": key, "label": label, "fields": _fields(diff[key], "", layout),
                            "added": [], "removed": [], "changed": [], "reordered": False})
        else:
            unchanged.append(label)
    for element in layout.layout.top():
        key = element.key
        part = diff.get(key)
        if not element.is_list or part is None:
            continue
        label = element.label(layout.lang)
        if not (part["added"] or part["removed"] or part["changed"] or part["reordered"]):
            unchanged.append(label)
            continue
        changed.append({
            "key": key, "label": label, "fields": [],
            "added": [layout.named(key, e) for e in part["added"]],
            "removed": [layout.named(key, e) for e in part["removed"]],
            "changed": [(c["key"], _fields(c["fields"], key, layout)) for c in part["changed"]],
            "reordered": part["reordered"]})
    return changed, unchanged
