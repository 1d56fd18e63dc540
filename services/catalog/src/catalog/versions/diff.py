"""Element-level differences between two versions of a matter standard.

The shape (documented in README and `schemas.VersionDiff`) is the same for every pair:
scalar elements, limits and channels as lists of field changes; each list element (materials,
steps, conditions, fees, discretion benchmarks, legal basis…) as entries added, removed and
changed, entries matched by their name-like key, never by position.
"""

from collections.abc import Callable
from typing import Any

FieldChange = dict[str, Any]


def _condition_key(c: Any) -> str:
    return str(c["text"] if isinstance(c, dict) else c)


def _basis_key(b: dict[str, Any]) -> str:
    return f"《{b['law']}》{b['article']}{b.get('clause') or ''}"


# Each list element and what identifies one entry across versions.
LIST_KEYS: dict[str, Callable[[Any], str]] = {
    "legal_basis": _basis_key,
    "conditions": _condition_key,
    "materials": lambda m: m["name"],
    "fees": lambda f: f["name"],
    "steps": lambda s: s["name"],
    "discretion_benchmarks": lambda d: d["circumstance"],
    "special_procedures": lambda p: p["name"],
    "faq": lambda q: q["question"],
    "co_handling_departments": lambda d: d["code"],
}
LIMITS = ("statutory_limit", "committed_limit", "limit_unit", "limit_explanation", "case_class",
          "extension")
CHANNELS = ("channels",)


def field_changes(before: Any, after: Any, prefix: str = "") -> list[FieldChange]:
    """Every leaf that differs, as {"field", "before", "after"}; nested objects by dotted path,
    lists compared whole."""
    if isinstance(before, dict) and isinstance(after, dict):
        changes = []
        for key in [*after, *(k for k in before if k not in after)]:
            path = f"{prefix}.{key}" if prefix else key
            changes += field_changes(before.get(key), after.get(key), path)
        return changes
    if before == after:
        return []
    return [{"field": prefix, "before": before, "after": after}]


def _keyed(items: list[Any], key: Callable[[Any], str]) -> dict[str, Any]:
    """Entries by key; a key seen again gets its occurrence number (`审查 (2)`)."""
    found: dict[str, Any] = {}
    for item in items:
        name, n = key(item), 1
        while (name if n == 1 else f"{name} ({n})") in found:
            n += 1
        found[name if n == 1 else f"{name} ({n})"] = item
    return found


def _as_entry(item: Any) -> Any:
    return {"text": item, "legal_basis": []} if isinstance(item, str) else item


def list_diff(before: list[Any], after: list[Any], key: Callable[[Any], str]) -> dict[str, Any]:
    """Entries added, removed and changed (with their field changes), and whether the entries
    kept are in another order."""
    old = _keyed([_as_entry(i) for i in before or []], key)
    new = _keyed([_as_entry(i) for i in after or []], key)
    changed = []
    for name in (k for k in new if k in old):
        fields = field_changes(old[name], new[name])
        if fields:
            changed.append({"key": name, "fields": fields, "before": old[name],
                            "after": new[name]})
    kept_old = [k for k in old if k in new]
    kept_new = [k for k in new if k in old]
    return {"added": [v for k, v in new.items() if k not in old],
            "removed": [v for k, v in old.items() if k not in new],
            "changed": changed, "reordered": kept_old != kept_new}


def _section(before: dict[str, Any], after: dict[str, Any],
             keys: tuple[str, ...]) -> list[FieldChange]:
    return field_changes({k: before.get(k) for k in keys if k in before or k in after},
                         {k: after.get(k) for k in keys if k in before or k in after})


def standard_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The element-level diff of two stored standards (or contract documents)."""
    grouped = set(LIST_KEYS) | set(LIMITS) | set(CHANNELS)
    scalars = tuple(k for k in [*after, *before] if k not in grouped)
    diff: dict[str, Any] = {
        "elements": _section(before, after, tuple(dict.fromkeys(scalars))),
        "limits": _section(before, after, LIMITS),
        "channels": _section(before, after, CHANNELS),
    }
    for name, key in LIST_KEYS.items():
        diff[name] = list_diff(before.get(name) or [], after.get(name) or [], key)
    diff["identical"] = not any(
        diff[s] for s in ("elements", "limits", "channels")) and not any(
        diff[n]["added"] or diff[n]["removed"] or diff[n]["changed"] or diff[n]["reordered"]
        for n in LIST_KEYS)
    return diff
