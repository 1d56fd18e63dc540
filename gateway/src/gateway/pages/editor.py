"""Pages of department editors: their catalog, the matter form, versions and their actions."""

import asyncio
import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

import httpx
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import PageError, fetch
from gateway.pages.review import check_role, element_label, local_time, refusal, send
from gateway.web import render

router = APIRouter(include_in_schema=False)
EDITORS = ("editor", "admin")
CATALOG = "/api/catalog/v1"
PAGE_SIZE = 20
MAX_ROWS = 100
# Row groups of the form: their fields, and the text fields that make a row worth keeping.
ROWS = {
    "legal_basis": (("law", "article", "text"), ("law", "article", "text")),
    "materials": (("name", "required", "form", "originals", "copies", "source", "notes"),
                  ("name", "notes")),
    "fees": (("name", "standard", "waivable"), ("name", "standard")),
    "steps": (("name", "actor", "limit"), ("name", "actor", "limit")),
    "discretion_benchmarks": (("circumstance", "standard"), ("circumstance", "standard")),
}
ROW_DEFAULTS = {"materials": {"required": "on", "form": "either", "originals": "1",
                              "copies": "0", "source": "applicant"}}
MATTER_TYPES = ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "00", "20")
SERVICE_OBJECTS = ("person", "enterprise", "public_institution", "social_organization",
                   "government", "other")
ROW_KEY = re.compile(r"^([a-z_]+)-(\d{1,3})-([a-z_]+)$")
# Pydantic's messages (as the catalog returns them) and the readable text for each.
MESSAGES = [("Field required", "ed.err.required"), ("at least 1 character", "ed.err.required"),
            ("at least 1 item", "ed.err.one_row"), ("valid integer", "ed.err.integer"),
            ("greater than or equal to 0", "ed.err.not_negative"),
            ("less than or equal to 4", "ed.err.choice"),
            ("greater than or equal to 1", "ed.err.choice"),
            ("committed_limit", "ed.err.committed"), ("valid date", "ed.err.date"),
            ("at most", "ed.err.too_long"), ("at least 18 characters", "ed.err.choice"),
            ("unknown", "ed.err.choice"), ("not your department", "ed.err.department"),
            ("Input should be", "ed.err.choice")]


# --- the form and the matter document -----------------------------------------------------

def _number(text: str) -> int | str | None:
    text = text.strip()
    return int(text) if text.isdigit() else (text or None)


def _text(text: str) -> str | None:
    return text.strip() or None


def row_indices(values: dict[str, Any], group: str) -> list[int]:
    """The row numbers of `group` present in the form (at least one, so a blank row shows)."""
    found = {int(m[2]) for k in values if (m := ROW_KEY.match(k)) and m[1] == group}
    return sorted(i for i in found if i < MAX_ROWS) or [0]


def _rows(values: dict[str, Any], group: str) -> tuple[list[dict[str, str]], list[int]]:
    """Rows of `group` that are not blank, with the form row number of each."""
    fields, meaningful = ROWS[group]
    kept, numbers = [], []
    for i in row_indices(values, group):
        row = {f: str(values.get(f"{group}-{i}-{f}", "")) for f in fields}
        if any(row[f].strip() for f in meaningful):
            kept.append(row)
            numbers.append(i)
    return kept, numbers


def document_of(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The matter standard the form describes, and which form row each list entry came from."""
    rows = {group: _rows(values, group) for group in ROWS}
    basis = [{k: r[k].strip() for k in ("law", "article", "text")}
             for r in rows["legal_basis"][0]]
    complete_basis = [b for b in basis if all(b.values())]  # materials and fees cite these
    v = values.get
    standard = {
        "implementation_code": v("implementation_code", "").strip(),
        "basic_code": v("basic_code", "").strip(),
        "handling_item_code": _text(v("handling_item_code", "")),
        "name": v("name", "").strip(), "matter_type": v("matter_type", ""),
        "exercise_level": v("exercise_level", ""),
        "department": {"code": v("department-code", ""), "name": v("department-name", "")},
        "window": v("window", ""), "service_objects": v("service_objects", []),
        "legal_basis": basis,
        "conditions": [c.strip() for c in v("conditions", "").splitlines() if c.strip()],
        "materials": [{"name": r["name"].strip(), "required": r["required"] == "on",
                       "form": r["form"], "originals": _number(r["originals"]),
                       "copies": _number(r["copies"]), "source": r["source"],
                       "legal_basis": complete_basis, "notes": _text(r["notes"])}
                      for r in rows["materials"][0]],
        "statutory_limit": _number(v("statutory_limit", "")),
        "committed_limit": _number(v("committed_limit", "")),
        "limit_unit": v("limit_unit", ""),
        "fees": [{"name": r["name"].strip(), "standard": r["standard"].strip(),
                  "legal_basis": complete_basis, "waivable": r["waivable"] == "on"}
                 for r in rows["fees"][0]],
        "steps": [{"name": r["name"].strip(), "actor": r["actor"].strip(),
                   "limit": _number(r["limit"])} for r in rows["steps"][0]],
        "discretion_benchmarks": [{k: r[k].strip() for k in ("circumstance", "standard")}
                                  for r in rows["discretion_benchmarks"][0]],
        "channels": {"online": v("channels-online") == "on",
                     "online_depth": _number(v("channels-online_depth", ""))
                     if v("channels-online") == "on" else None,
                     "onsite_visits": _number(v("channels-onsite_visits", "")),
                     "onsite_reason": _text(v("channels-onsite_reason", ""))},
        "result": {"name": v("result-name", "").strip(), "type": v("result-type", "").strip()},
        "effective_from": v("effective_from", "").strip() or None,
    }
    return standard, {group: rows[group][1] for group in ROWS}


def values_of(form: FormData) -> dict[str, Any]:
    """The typed form as a dict of strings; service objects as a list."""
    values: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    values["service_objects"] = form.getlist("service_objects")
    return values


def values_from(standard: dict[str, Any]) -> dict[str, Any]:
    """The form values that show a stored standard."""
    flat: dict[str, Any] = {k: v for k, v in standard.items() if isinstance(v, str)}
    flat["handling_item_code"] = standard.get("handling_item_code") or ""
    flat["service_objects"] = list(standard.get("service_objects", []))
    flat["conditions"] = "\n".join(c["text"] if isinstance(c, dict) else c
                                   for c in standard.get("conditions", []))
    for key in ("statutory_limit", "committed_limit"):
        flat[key] = str(standard.get(key, ""))
    for section in ("department", "channels", "result"):
        for field, value in (standard.get(section) or {}).items():
            flat[f"{section}-{field}"] = _shown(value)
    for group in ROWS:
        for i, row in enumerate(standard.get(group, [])):
            for field in ROWS[group][0]:
                flat[f"{group}-{i}-{field}"] = _shown(row.get(field))
    return flat


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else ""
    return "" if value is None else str(value)


def blank_values(department: str | None) -> dict[str, Any]:
    """A new matter's form: sensible defaults, one blank row per group."""
    return {"matter_type": "01", "exercise_level": "3", "service_objects": ["enterprise"],
            "limit_unit": "working_day", "channels-online": "on", "channels-online_depth": "4",
            "channels-onsite_visits": "0", "effective_from": date.today().isoformat(),
            "department-code": department or "",
            **{f"materials-0-{k}": v for k, v in ROW_DEFAULTS["materials"].items()}}


def field_errors(problem: dict[str, Any], numbers: dict[str, list[int]], t: Any) -> dict[str, str]:
    """The catalog's `errors[].loc` mapped to form field names, with readable messages."""
    found: dict[str, str] = {}
    for error in problem.get("errors") or []:
        loc = [str(x) for x in error.get("loc", [])][1:]  # drop "body"
        msg = str(error.get("msg", ""))
        if loc and loc[0] in numbers and len(loc) > 1 and loc[1].isdigit():
            kept = numbers[loc[0]]
            loc[1] = str(kept[int(loc[1])] if int(loc[1]) < len(kept) else loc[1])
        if not loc and "committed_limit" in msg:
            loc = ["committed_limit"]
        key = "-".join(loc).replace("department-name", "department-code") or "form"
        found.setdefault(key, next((t(k) for part, k in MESSAGES if part in msg), msg))
    return found


# Labels of the form's fields for the error summary; row fields are keyed "group.field".
LABELS = {"implementation_code": "ed.f.implementation_code", "basic_code": "ed.f.basic_code",
          "handling_item_code": "ed.f.handling_item_code", "name": "ed.f.name",
          "matter_type": "ed.f.matter_type", "exercise_level": "ed.f.exercise_level",
          "department-code": "ed.f.department", "window": "ed.f.window",
          "service_objects": "ed.f.service_objects", "conditions": "ed.f.conditions",
          "statutory_limit": "ed.f.statutory_limit", "committed_limit": "ed.f.committed_limit",
          "limit_unit": "ed.f.limit_unit", "channels-online": "ed.f.online",
          "channels-online_depth": "ed.f.online_depth",
          "channels-onsite_visits": "ed.f.onsite_visits",
          "channels-onsite_reason": "ed.f.onsite_reason", "result-name": "ed.f.result_name",
          "result-type": "ed.f.result_type", "effective_from": "ed.f.effective_from",
          "legal_basis": "ed.sec.legal_basis", "materials": "ed.sec.materials",
          "fees": "ed.sec.fees", "steps": "ed.sec.steps",
          "discretion_benchmarks": "ed.sec.discretion",
          "legal_basis.law": "ed.f.law", "legal_basis.article": "ed.f.article",
          "legal_basis.text": "ed.f.basis_text", "materials.name": "ed.f.material_name",
          "materials.form": "ed.f.material_form", "materials.originals": "ed.f.originals",
          "materials.copies": "ed.f.copies", "materials.source": "ed.f.source",
          "materials.notes": "ed.f.notes", "fees.name": "ed.f.fee_name",
          "fees.standard": "ed.f.fee_standard", "steps.name": "ed.f.step_name",
          "steps.actor": "ed.f.step_actor", "steps.limit": "ed.f.step_limit",
          "discretion_benchmarks.circumstance": "ed.f.circumstance",
          "discretion_benchmarks.standard": "ed.f.discretion_standard"}
ROW_PREFIX = re.compile(r"^([a-z_]+)-(\d{1,3})-([a-z_]+)")
ROW_ONLY = re.compile(r"^([a-z_]+)-(\d{1,3})$")


FORM_ORDER = ["form", "department", "implementation_code", "basic_code", "name",
              "handling_item_code", "matter_type", "exercise_level", "window", "service_objects",
              "legal_basis", "conditions", "materials", "statutory_limit", "committed_limit",
              "limit_unit", "fees", "steps", "discretion_benchmarks", "channels", "result",
              "effective_from"]


def _form_position(name: str) -> tuple[int, int]:
    head, _, rest = name.partition("-")
    row = rest.split("-")[0]
    place = FORM_ORDER.index(head) if head in FORM_ORDER else len(FORM_ORDER)
    return place, int(row) if row.isdigit() else -1


def anchor_and_label(name: str, t: Any) -> tuple[str, str]:
    """The anchor of a form field (or of its row or section) and its label; ("", "") for the
    form as a whole."""
    if name == "form":
        return "", ""
    if (m := ROW_PREFIX.match(name)) and m[1] in ROWS:
        row = t(f"ed.row.{m[1]}", n=int(m[2]) + 1)
        field = t(LABELS.get(f"{m[1]}.{m[3]}", m[3]))
        exact = name == m[0] and f"{m[1]}.{m[3]}" in LABELS
        return (f"f-{name}" if exact else f"row-{m[1]}-{m[2]}"), f"{row} · {field}"
    if (m := ROW_ONLY.match(name)) and m[1] in ROWS:
        return f"row-{name}", t(f"ed.row.{m[1]}", n=int(m[2]) + 1)
    if name in ROWS:
        return f"sec-{name}", t(LABELS[name])
    anchor = "f-service_objects-person" if name == "service_objects" else f"f-{name}"
    return anchor, t(LABELS.get(name, name))


def error_summary(errors: dict[str, str], t: Any) -> list[tuple[str, str, str]]:
    """(anchor, field label, message) for each error, linking to its field."""
    return [(*anchor_and_label(name, t), message)
            for name, message in sorted(errors.items(), key=lambda i: _form_position(i[0]))]


# --- the linter's findings, each beside the field it is about ------------------------------

FINDING_PATH = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?")


def field_of(path: str) -> str:
    """The form field a finding is about: `materials[2].name` → `materials-2-name`, a row
    (`materials-2`) or a section when the form has no such field, "form" when unknown."""
    m = FINDING_PATH.match(path)
    if m is None:
        return "form"
    head, index, rest = m[1], m[2], m[3]
    if head in ROWS and index is not None:
        return f"{head}-{index}-{rest}" if rest in ROWS[head][0] else f"{head}-{index}"
    if head == "conditions":
        return "conditions"  # one textarea, one condition a line
    name = f"{head}-{rest}" if rest else head
    return name if name in LABELS else "form"


def findings_by_field(findings: list[dict[str, Any]] | None,
                      t: Any) -> dict[str, list[dict[str, str]]]:
    """Each finding under its form field; a condition's number leads its message."""
    placed: dict[str, list[dict[str, str]]] = {}
    for finding in findings or []:
        name, message = field_of(finding["path"]), finding["message"]
        m = FINDING_PATH.match(finding["path"])
        if name == "conditions" and m and m[2] is not None:
            message = t("ed.lint.condition_n", n=int(m[2]) + 1) + message
        placed.setdefault(name, []).append({"severity": finding["severity"], "message": message})
    return placed


def finding_summary(placed: dict[str, list[dict[str, str]]],
                    t: Any) -> list[tuple[str, str, str, str]]:
    """(anchor, label, severity, message) of every finding: errors first, then in form order."""
    ordered = sorted(placed.items(), key=lambda item: _form_position(item[0]))
    items = [(*anchor_and_label(name, t), f["severity"], f["message"])
             for name, found in ordered for f in found]
    return sorted(items, key=lambda item: item[2] != "error")


def lint_report(findings: list[dict[str, Any]] | None, t: Any) -> dict[str, Any]:
    """What a page shows of a version's findings: by field, as a summary, and counted."""
    placed = findings_by_field(findings, t)
    summary = finding_summary(placed, t)
    errors = sum(1 for item in summary if item[2] == "error")
    return {"fields": placed, "summary": summary, "errors": errors,
            "warnings": len(summary) - errors, "checked": findings is not None}


def cross_checks(standard: dict[str, Any], t: Any) -> dict[str, str]:
    """Rules the catalog checks only once every field is valid; shown with the others."""
    statutory, committed = standard["statutory_limit"], standard["committed_limit"]
    if isinstance(statutory, int) and isinstance(committed, int) and committed > statutory:
        return {"committed_limit": t("ed.err.committed")}
    return {}


# --- pages --------------------------------------------------------------------------------

def with_department(caller: Caller, values: dict[str, Any],
                    departments: list[dict[str, Any]]) -> str | None:
    """An editor writes for their own department (an admin chooses); its name comes along."""
    own = caller.principal.department
    if own:
        values["department-code"] = own
    names = {d["code"]: d["name"] for d in departments}
    values["department-name"] = names.get(values.get("department-code", ""), "")
    return own


async def _form_page(request: Request, caller: Caller, *, values: dict[str, Any],
                     errors: dict[str, str] | None = None, status: int = 200,
                     version: dict[str, Any] | None = None, etag: str = "",
                     saved: bool = False) -> Response:
    windows, departments = await asyncio.gather(
        fetch(request, caller, "catalog", f"{CATALOG}/windows"),
        fetch(request, caller, "catalog", f"{CATALOG}/departments"))
    own = with_department(caller, values, departments)
    if version is None:
        action = "/editor/matters/new"
    else:
        action = (f"/editor/matters/{quote(version['implementation_code'])}"
                  f"/versions/{version['version']}/edit")
    t = translator(language(request))
    # Findings belong to the version as stored; a refused form shows its errors instead.
    lint = lint_report(None if errors or version is None else version.get("findings"), t)
    return render(request, "matter_form.html", caller, block="form" if errors else "content",
                  status=status, values=values, errors=errors or {}, action=action,
                  error_summary=error_summary(errors or {}, t), lint=lint,
                  findings=lint["fields"], saved=saved,
                  version=version, etag=etag, windows=windows, departments=departments,
                  own_department=own, rows={g: row_indices(values, g) for g in ROWS},
                  matter_types=MATTER_TYPES, service_objects=SERVICE_OBJECTS)


async def _save(request: Request, caller: Caller, method: str, path: str,
                version: dict[str, Any] | None = None) -> Response:
    """Send the typed standard to the catalog; the form again with every error, or onwards."""
    t = translator(language(request))
    values = values_of(await request.form())
    with_department(caller, values, await fetch(request, caller, "catalog",
                                                f"{CATALOG}/departments"))
    standard, numbers = document_of(values)
    etag = values.get("etag", "")
    headers = {"If-Match": etag} if version is not None else {}
    answer = await send(request, caller, "catalog", method, path, json=standard,
                        headers=headers)
    if answer.status_code < 400:
        target = f"/editor/matters/{quote(standard['implementation_code'])}"
        if answer.json().get("findings"):  # saved, with findings: show them beside the fields
            target += f"/versions/{answer.json()['version']}/edit?saved=1"
        if htmx.is_htmx(request):
            return htmx.redirect(Response(status_code=204), target)
        return RedirectResponse(target, status_code=303)
    errors = cross_checks(standard, t)
    if answer.status_code == 422:
        errors.update(field_errors(answer.json(), numbers, t))
    elif answer.status_code == 409 and version is None:
        errors["implementation_code"] = t("ed.err.code_taken")
    elif answer.status_code == 412:
        errors["form"] = t("ed.err.stale")
    else:
        errors["form"] = refusal(request, answer)
    return await _form_page(request, caller, values=values, errors=errors, etag=etag,
                            status=answer.status_code, version=version)


@router.get("/editor/matters")
async def matters(request: Request, caller: CallerDep,
                  q: Annotated[str, Query(max_length=100)] = "",
                  page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    """The department's matters, searchable, each with the state of its latest version."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    query = f"?q={quote(q)}&page={page}&size={PAGE_SIZE}"
    listing, departments = await asyncio.gather(
        fetch(request, caller, "catalog", f"{CATALOG}/matters{query}"),
        fetch(request, caller, "catalog", f"{CATALOG}/departments"))
    department = next((d["name"] for d in departments
                       if d["code"] == caller.principal.department), "")
    pages = max(1, -(-listing["total"] // PAGE_SIZE))
    return render(request, "editor_matters.html", caller, matters=listing["items"],
                  total=listing["total"], q=q, page=page, pages=pages,
                  department_name=department)


@router.get("/editor/matters/new")
async def new_matter(request: Request, caller: CallerDep) -> Response:
    """An empty matter form."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    return await _form_page(request, caller, values=blank_values(caller.principal.department))


@router.post("/editor/matters/new")
async def create_matter(request: Request, caller: CallerDep) -> Response:
    """Draft a new matter (version 1)."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    return await _save(request, caller, "POST", f"{CATALOG}/matters")


@router.get("/editor/matters/rows/{group}")
async def add_row(group: str, request: Request, caller: CallerDep,
                  index: Annotated[int, Query(ge=0, lt=MAX_ROWS)] = 0) -> Response:
    """One more blank row of a row group, and the button that adds the next one."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    if group not in ROWS:
        raise PageError(404, translator(language(request))("error.not_found"))
    values = {f"{group}-{index}-{k}": v for k, v in ROW_DEFAULTS.get(group, {}).items()}
    return render(request, "_ed_row.html", caller, group=group, index=index, values=values,
                  errors={})


async def _versions(request: Request, caller: Caller, code: str) -> dict[str, Any]:
    """The matter with each of its versions in full (newest first), feedback included."""
    path = f"{CATALOG}/matters/{quote(code)}"
    matter = await fetch(request, caller, "catalog", path)
    full = await asyncio.gather(*(fetch(request, caller, "catalog",
                                        f"{path}/versions/{v['version']}")
                                  for v in matter["versions"]))
    return {"matter": matter, "versions": list(reversed(full))}


async def _versions_page(request: Request, caller: Caller, code: str, *, block: str = "content",
                         status: int = 200, message: str | None = None,
                         error: str | None = None,
                         refused: list[dict[str, Any]] | None = None) -> Response:
    found = await _versions(request, caller, code)
    t = translator(language(request))
    lint = {v["version"]: lint_report(v.get("findings"), t) for v in found["versions"]}
    open_states = {"draft", "submitted", "in_review", "returned", "approved"}
    return render(request, "matter_versions.html", caller, block=block, status=status,
                  **found, message=message, error=error, when=local_time,
                  pending=any(v["state"] in ("submitted", "in_review") for v in found["versions"]),
                  may_draft=not found["matter"]["cancelled"]
                  and not any(v["state"] in open_states for v in found["versions"]),
                  label_of=lambda path, std: element_label(path, std, t), lint=lint,
                  refused=finding_summary(findings_by_field(refused, t), t))


@router.get("/editor/matters/{code}")
async def versions(code: str, request: Request, caller: CallerDep) -> Response:
    """A matter's versions with their states, review feedback and the next actions."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    return await _versions_page(request, caller, code)


def linter_refusal(answer: httpx.Response) -> list[dict[str, Any]]:
    """The linter's errors that refused a submission (422), as findings; else []."""
    if answer.status_code != 422:
        return []
    body = answer.json()
    errors = body.get("errors") or [] if isinstance(body, dict) else []
    return [{"path": e["path"], "severity": e["severity"], "message": e["msg"]}
            for e in errors if isinstance(e, dict) and "rule" in e and "path" in e]


async def _act(request: Request, caller: Caller, code: str, path: str, done: str) -> Response:
    """Run one action of the versions page and show the versions again."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    answer = await send(request, caller, "catalog", "POST",
                        f"{CATALOG}/matters/{quote(code)}{path}")
    if answer.status_code < 400 and not htmx.is_htmx(request):
        return RedirectResponse(f"/editor/matters/{quote(code)}", status_code=303)
    t = translator(language(request))
    refused = linter_refusal(answer)
    if refused:
        return await _versions_page(request, caller, code, block="versions", status=422,
                                    error=t("ed.lint.refused", n=len(refused)), refused=refused)
    if answer.status_code >= 400:
        return await _versions_page(request, caller, code, block="versions",
                                    status=answer.status_code, error=refusal(request, answer))
    return await _versions_page(request, caller, code, block="versions", message=t(done))


@router.post("/editor/matters/{code}/versions")
async def draft_version(code: str, request: Request, caller: CallerDep) -> Response:
    """Start a new draft from the latest version."""
    return await _act(request, caller, code, "/versions", "ed.done.drafted")


@router.post("/editor/matters/{code}/versions/{number}/submit")
async def submit(code: str, number: int, request: Request, caller: CallerDep) -> Response:
    """Submit a draft (or a returned version) for review."""
    return await _act(request, caller, code, f"/versions/{number}/submit", "ed.done.submitted")


@router.post("/editor/matters/{code}/versions/{number}/publish")
async def publish(code: str, number: int, request: Request, caller: CallerDep) -> Response:
    """Publish an approved version."""
    return await _act(request, caller, code, f"/versions/{number}/publish", "ed.done.published")


@router.get("/editor/matters/{code}/versions/{number}/edit")
async def edit_version(code: str, number: int, request: Request, caller: CallerDep,
                       saved: bool = False) -> Response:
    """The matter form filled with a version and its findings; the ETag read now guards the
    save."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    path = f"{CATALOG}/matters/{quote(code)}/versions/{number}"
    answer = await send(request, caller, "catalog", "GET", path)
    if answer.status_code >= 400:
        return await _versions_page(request, caller, code, status=answer.status_code,
                                    error=refusal(request, answer))
    version = answer.json()
    if version["state"] not in ("draft", "returned"):
        return RedirectResponse(f"/editor/matters/{quote(code)}", status_code=303)
    return await _form_page(request, caller, values=values_from(version["standard"]),
                            version=version, etag=answer.headers.get("etag", ""), saved=saved)


@router.post("/editor/matters/{code}/versions/{number}/edit")
async def save_version(code: str, number: int, request: Request, caller: CallerDep) -> Response:
    """Save an edited draft with If-Match; a stale ETag says someone else changed it."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    path = f"{CATALOG}/matters/{quote(code)}/versions/{number}"
    version = await fetch(request, caller, "catalog", path)
    return await _save(request, caller, "PUT", path, version=version)
