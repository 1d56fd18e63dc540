"""Version history and the diff of two versions, for department editors and review groups."""

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import fetch
from gateway.pages.review import check_role, local_time, refusal, send
from gateway.web import render

router = APIRouter(include_in_schema=False)
READERS = ("editor", "admin", "reviewer", "lead", "supervisor", "publisher")
EDITORS = ("editor", "admin")
CATALOG = "/api/catalog/v1"
CANCELLABLE = ("draft", "returned", "scheduled")
Code = Annotated[str, Path(min_length=1, max_length=50)]
Number = Annotated[int, Path(ge=1, le=2**31 - 1)]
# The version state this part added; web.py's labels are shared with other pages.

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


def _matter_path(code: str) -> str:
    return f"{CATALOG}/matters/{quote(code, safe='')}"


async def _versions(request: Request, caller: Caller, code: str) -> tuple[list[Any], Any]:
    """The versions (oldest first) and the latest version's document (for names)."""
    versions = await fetch(request, caller, "catalog", f"{_matter_path(code)}/versions")
    latest = await fetch(request, caller, "catalog",
                         f"{_matter_path(code)}/versions/{versions[-1]['version']}/document")
    return versions, latest


async def _history_page(request: Request, caller: Caller, code: str, *, block: str = "content",
                        status: int = 200, message: str | None = None,
                        error: str | None = None) -> Response:
    versions, matter = await _versions(request, caller, code)
    return render(request, "version_history.html", caller, block=block, status=status,
                  code=code, matter=matter, versions=list(reversed(versions)), when=local_time,
                  may_cancel=caller.principal.has(*EDITORS), cancellable=CANCELLABLE,
                  message=message, error=error)


@router.get("/matters/{code}/history")
async def history(code: Code, request: Request, caller: CallerDep) -> Response:
    """Every version of a matter with its state and time in force, and what to compare."""
    if (stop := check_role(request, caller, *READERS)) is not None:
        return stop
    return await _history_page(request, caller, code)


@router.post("/matters/{code}/history/{number}/cancel")
async def cancel(code: Code, number: Number, request: Request, caller: CallerDep) -> Response:
    """An editor abandons a draft, a returned version or one waiting for its date."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    answer = await send(request, caller, "catalog", "POST",
                        f"{_matter_path(code)}/versions/{number}/cancel")
    if answer.status_code < 400 and not htmx.is_htmx(request):
        return RedirectResponse(f"/matters/{quote(code, safe='')}/history", status_code=303)
    if answer.status_code >= 400:
        return await _history_page(request, caller, code, block="history",
                                   status=answer.status_code, error=refusal(request, answer))
    t = translator(language(request))
    return await _history_page(request, caller, code, block="history",
                               message=t("vh.cancelled", n=number))


def _pair(versions: list[dict[str, Any]], start: str, end: str) -> tuple[int, int]:
    """The versions to compare: those asked for when they exist, else the latest two."""
    numbers = [v["version"] for v in versions]
    to = int(end) if end.isdigit() and int(end) in numbers else numbers[-1]
    before = [n for n in numbers if n < to]
    default = before[-1] if before else to
    return (int(start) if start.isdigit() and int(start) in numbers else default), to


@router.get("/matters/{code}/diff")
async def diff(code: Code, request: Request, caller: CallerDep,
               start: Annotated[str, Query(alias="from", max_length=12)] = "",
               end: Annotated[str, Query(alias="to", max_length=12)] = "") -> Response:
    """What changed from one version to another, element by element."""
    if (stop := check_role(request, caller, *READERS)) is not None:
        return stop
    versions, matter = await _versions(request, caller, code)
    first, second = _pair(versions, start, end)
    found = await fetch(request, caller, "catalog",
                        f"{_matter_path(code)}/diff?from={first}&to={second}")
    t = translator(language(request))
    changed, unchanged = sections(found, t)
    return render(request, "version_diff.html", caller, block="diff", code=code, matter=matter,
                  versions=versions, diff=found, sections=changed, unchanged=unchanged)
