"""Pages of department editors: their catalog, the matter form, versions and their actions."""

import asyncio
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import httpx
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import PageError, fetch
from gateway.pages.review import check_role, local_time, refusal, send
from gateway.standard.elements import element_label
from gateway.standard.feedback import (
    cross_checks,
    error_summary,
    field_errors,
    finding_summary,
    findings_by_field,
    lint_report,
)
from gateway.standard.form import (
    MAX_ROWS,
    ROW_DEFAULTS,
    ROWS,
    blank_values,
    citation_errors,
    document_of,
    row_indices,
    values_from,
    values_of,
)
from gateway.web import render

router = APIRouter(include_in_schema=False)
EDITORS = ("editor", "admin")
CATALOG = "/api/catalog/v1"
PAGE_SIZE = 20
# The catalog's matter types (catalog.standard.MATTER_TYPES, whose labels messages.py copies),
# permits first as most matters are; the gateway imports no service.
MATTER_TYPES = ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "00", "20")
SERVICE_OBJECTS = ("person", "enterprise", "public_institution", "social_organization",
                   "government", "other")
# States of a matter's latest version the catalog page filters by.
LIST_STATES = ("draft", "submitted", "in_review", "returned", "approved", "scheduled",
               "published", "superseded", "cancelled")


# --- pages --------------------------------------------------------------------------------

def with_department(caller: Caller, values: dict[str, Any],
                    departments: list[dict[str, Any]]) -> str | None:
    """An editor writes for their own department (an admin chooses); its name comes along."""
    own = caller.principal.department
    if own:
        values["department-code"] = own
    values["department-name"] = department_names(departments).get(
        values.get("department-code", ""), "")
    return own


def department_names(departments: list[dict[str, Any]]) -> dict[str, str]:
    """Department names by code."""
    return {d["code"]: d["name"] for d in departments}


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
                  co_handling=[d for d in departments if d["code"] != values["department-code"]],
                  matter_types=MATTER_TYPES, service_objects=SERVICE_OBJECTS)


async def _save(request: Request, caller: Caller, method: str, path: str,
                version: dict[str, Any] | None = None) -> Response:
    """Send the typed standard to the catalog; the form again with every error, or onwards."""
    t = translator(language(request))
    values = values_of(await request.form())
    departments = await fetch(request, caller, "catalog", f"{CATALOG}/departments")
    with_department(caller, values, departments)
    standard, numbers = document_of(values, department_names(departments))
    etag = values.get("etag", "")
    if cited := citation_errors(values):  # the catalog would not know which row was meant
        errors = {field: t(key, n=n) for field, (key, n) in cited.items()}
        return await _form_page(request, caller, values=values, errors=errors, etag=etag,
                                status=422, version=version)
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
                  state: Annotated[str, Query(max_length=20)] = "",
                  matter_type: Annotated[str, Query(max_length=2)] = "",
                  window: Annotated[str, Query(max_length=40)] = "",
                  page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    """The department's matters, searchable and filtered by the latest version's state, the
    matter type and the window; each with the state of its latest version."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    filters: dict[str, Any] = {"q": q, "state": state if state in LIST_STATES else "",
               "matter_type": matter_type if matter_type in MATTER_TYPES else "",
               "window": window}
    query = urlencode({**{k: v for k, v in filters.items() if v}, "page": page,
                       "size": PAGE_SIZE})
    listing, departments, windows = await asyncio.gather(
        fetch(request, caller, "catalog", f"{CATALOG}/matters?{query}"),
        fetch(request, caller, "catalog", f"{CATALOG}/departments"),
        fetch(request, caller, "catalog", f"{CATALOG}/windows"))
    department = department_names(departments).get(caller.principal.department or "", "")
    pages = max(1, -(-listing["total"] // PAGE_SIZE))
    return render(request, "editor_matters.html", caller, matters=listing["items"],
                  total=listing["total"], **filters, page=page, pages=pages,
                  department_name=department, states=LIST_STATES, matter_types=MATTER_TYPES,
                  windows=windows,
                  paging=urlencode({k: v for k, v in filters.items() if v}))


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
