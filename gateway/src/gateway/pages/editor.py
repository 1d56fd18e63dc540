"""Pages of department editors: their catalog, the matter form, versions and their actions."""

import asyncio
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import catalog
from gateway.clients.base import ServiceError
from gateway.i18n import N_
from gateway.page import Editor, PageError, layout_of, link, refusal, render, translate
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
    CARRIED,
    MAX_ROWS,
    ROW_DEFAULTS,
    blank_values,
    citation_errors,
    document_of,
    row_indices,
    values_from,
    values_of,
)
from gateway.standard.layout import Layout

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
# States of a matter's latest version the catalog page filters by.
LIST_STATES = ("draft", "submitted", "in_review", "returned", "approved", "scheduled",
               "published", "superseded", "cancelled")
OPEN_STATES = ("draft", "submitted", "in_review", "returned", "approved")


def with_department(caller: Caller, values: dict[str, Any],
                    departments: list[catalog.Department]) -> str | None:
    """An editor writes for their own department (an admin chooses); its name comes along."""
    own = caller.principal.department
    if own:
        values["department-code"] = own
    values["department-name"] = department_names(departments).get(
        values.get("department-code", ""), "")
    return own


def form_layout(request: Request) -> Layout:
    """The layout the matter form is drawn from; the 503 page while the gateway has none yet
    (started with the catalog away and no kept copy)."""
    layout = layout_of(request).layout
    if not layout.sections:
        raise PageError(503, translate(request).gettext("事项目录服务暂时无法访问，请稍后再编辑。"))
    return layout


def department_names(departments: list[catalog.Department]) -> dict[str, str]:
    """Department names by code."""
    return {d.code: d.name for d in departments}


async def _form_page(request: Request, caller: Caller, *, values: dict[str, Any],
                     errors: dict[str, str] | None = None, status: int = 200,
                     version: catalog.Version | None = None, etag: str = "",
                     saved: bool = False) -> Response:
    services = link(request, caller)
    windows, departments = await asyncio.gather(catalog.windows(services),
                                                catalog.departments(services))
    own = with_department(caller, values, departments)
    if version is None:
        action = "/editor/matters/new"
    else:
        action = (f"/editor/matters/{quote(version.implementation_code)}"
                  f"/versions/{version.version}/edit")
    _ = translate(request)
    # Findings belong to the version as stored; a refused form shows its errors instead.
    layout = layout_of(request)
    lint = lint_report(None if errors or version is None else version.findings, _, layout)
    return render(request, "matter_form.html", caller, block="form" if errors else "content",
                  status=status, values=values, errors=errors or {}, action=action,
                  error_summary=error_summary(errors or {}, _, layout), lint=lint,
                  findings=lint["fields"], saved=saved, version=version, etag=etag,
                  windows=windows, departments=departments,
                  own_department=own, carried=CARRIED,
                  rows={g: row_indices(values, g) for g in form_layout(request).lists()},
                  readonly=["implementation_code"] if version else [],
                  co_handling=[d for d in departments if d.code != values["department-code"]])


async def _save(request: Request, caller: Caller,
                version: catalog.Version | None = None) -> Response:
    """Send the typed standard to the catalog; the form again with every error, or onwards."""
    _ = translate(request)
    services = link(request, caller)
    layout = form_layout(request)
    values = values_of(await request.form(), layout)
    departments = await catalog.departments(services)
    with_department(caller, values, departments)
    document, numbers = document_of(values, layout, department_names(departments))
    if cited := citation_errors(values, layout):  # the catalog would not know which row was meant
        errors = {field: _(key, n=n) for field, (key, n) in cited.items()}
        return await _form_page(request, caller, values=values, errors=errors, status=422,
                                version=version, etag=values.get("etag", ""))
    try:
        if version is None:
            saved = await catalog.create_matter(services, document)
        else:
            saved = await catalog.save_version(services, version.implementation_code,
                                               version.version, document, values.get("etag", ""))
    except ServiceError as refused:
        errors = cross_checks(document, _) | _refused(request, refused, numbers, version)
        return await _form_page(request, caller, values=values, errors=errors,
                                status=refused.status, version=version,
                                etag=values.get("etag", ""))
    target = f"/editor/matters/{quote(document['implementation_code'])}"
    if saved.findings:  # saved, with findings: show them beside the fields
        target += f"/versions/{saved.version}/edit?saved=1"
    if htmx.is_htmx(request):
        return htmx.redirect(Response(status_code=204), target)
    return RedirectResponse(target, status_code=303)


def _refused(request: Request, refused: ServiceError, numbers: dict[str, list[int]],
             version: catalog.Version | None) -> dict[str, str]:
    """The catalog's refusal of a save, placed on the form's fields."""
    _ = translate(request)
    if refused.status == 422:
        return field_errors({"errors": refused.errors}, numbers, _)
    if refused.status == 409 and version is None:
        return {"implementation_code": _("该实施编码已被其他事项使用。")}
    if refused.status == 412:
        return {"form": _("该版本已被他人修改，请刷新后重试")}
    return {"form": refusal(request, refused)}


@router.get("/editor/matters")
async def matters(request: Request, caller: Editor,
                  q: Annotated[str, Query(max_length=100)] = "",
                  state: Annotated[str, Query(max_length=20)] = "",
                  matter_type: Annotated[str, Query(max_length=2)] = "",
                  window: Annotated[str, Query(max_length=40)] = "",
                  page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    """The department's matters, searchable and filtered by the latest version's state, the
    matter type and the window; each with the state of its latest version."""
    matter_types = [code for code, _label in layout_of(request).choices("matter_type")]
    filters: dict[str, Any] = {"q": q, "state": state if state in LIST_STATES else "",
               "matter_type": matter_type if matter_type in matter_types else "",
               "window": window}
    services = link(request, caller)
    listing, departments, windows = await asyncio.gather(
        catalog.matters(services, **filters, page=page, size=PAGE_SIZE),
        catalog.departments(services), catalog.windows(services))
    department = department_names(departments).get(caller.principal.department or "", "")
    pages = max(1, -(-listing.total // PAGE_SIZE))
    return render(request, "editor_matters.html", caller, matters=listing.items,
                  total=listing.total, total_capped=listing.total_capped,
                  **filters, page=page, pages=pages,
                  department_name=department, states=LIST_STATES, matter_types=matter_types,
                  windows=windows,
                  paging=urlencode({k: v for k, v in filters.items() if v}))


@router.get("/editor/matters/new")
async def new_matter(request: Request, caller: Editor) -> Response:
    """An empty matter form."""
    return await _form_page(request, caller, values=blank_values(caller.principal.department))


@router.post("/editor/matters/new")
async def create_matter(request: Request, caller: Editor) -> Response:
    """Draft a new matter (version 1)."""
    return await _save(request, caller)


@router.get("/editor/matters/rows/{group}")
async def add_row(group: str, request: Request, caller: Editor,
                  index: Annotated[int, Query(ge=0, lt=MAX_ROWS)] = 0) -> Response:
    """One more blank row of a row group, and the button that adds the next one."""
    if group not in layout_of(request).layout.lists():
        raise PageError(404, translate(request).gettext("没有找到该页面或记录。"))
    values = {f"{group}-{index}-{k}": v for k, v in ROW_DEFAULTS.get(group, {}).items()}
    return render(request, "_matter_form_row.html", caller, group=group, index=index, values=values,
                  errors={})


async def _versions_page(request: Request, caller: Caller, code: str, *, block: str = "content",
                         status: int = 200, message: str | None = None,
                         error: str | None = None,
                         refused: list[dict[str, Any]] | None = None) -> Response:
    services = link(request, caller)
    matter, history = await asyncio.gather(catalog.matter(services, code),
                                           catalog.history(services, code))
    versions = list(reversed(history))
    _, layout = translate(request), layout_of(request)
    return render(request, "matter_versions.html", caller, block=block, status=status,
                  matter=matter, versions=versions, message=message, error=error,
                  pending=any(v.state in ("submitted", "in_review") for v in versions),
                  may_draft=not matter.cancelled
                  and not any(v.state in OPEN_STATES for v in versions),
                  label_of=lambda path, std: element_label(path, std, layout),
                  lint={v.version: lint_report(v.findings, _, layout) for v in versions},
                  refused=finding_summary(findings_by_field(refused, _, layout), _, layout))


@router.get("/editor/matters/{code}")
async def versions(code: str, request: Request, caller: Editor) -> Response:
    """A matter's versions with their states, review feedback and the next actions."""
    return await _versions_page(request, caller, code)


def linter_refusal(refused: ServiceError) -> list[dict[str, Any]]:
    """The linter's errors that refused a submission (422), as findings; else []."""
    if refused.status != 422:
        return []
    return [{"path": e["path"], "severity": e["severity"], "message": e["msg"]}
            for e in refused.errors if "rule" in e and "path" in e]


async def _act(request: Request, caller: Caller, code: str, action: str, done: str) -> Response:
    """Run one action of the versions page and show the versions again."""
    try:
        await catalog.act(link(request, caller), code, action)
    except ServiceError as refused:
        if unanswered := [e["point"] for e in refused.errors if "point" in e]:
            error = translate(request).gettext(
                "还有 %(n)s 点审核意见未答复（第 %(points)s 点），请逐点答复后再提交审核。",
                n=len(unanswered), points="、".join(map(str, unanswered)))
            return await _versions_page(request, caller, code, block="versions", status=422,
                                        error=error)
        if found := linter_refusal(refused):
            error = translate(request).gettext("还有 %(n)s 个错误，暂不能提交审核。"
                                               "请改正后再提交：", n=len(found))
            return await _versions_page(request, caller, code, block="versions", status=422,
                                        error=error, refused=found)
        return await _versions_page(request, caller, code, block="versions",
                                    status=refused.status, error=refusal(request, refused))
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/editor/matters/{quote(code)}", status_code=303)
    return await _versions_page(request, caller, code, block="versions",
                                message=translate(request)(done))


@router.post("/editor/matters/{code}/versions")
async def draft_version(code: str, request: Request, caller: Editor) -> Response:
    """Start a new draft from the latest version."""
    return await _act(request, caller, code, "versions", N_("已起草新版本，现行版本继续有效。"))


@router.post("/editor/matters/{code}/versions/{number}/submit")
async def submit(code: str, number: int, request: Request, caller: Editor) -> Response:
    """Submit a draft (or a returned version) for review."""
    return await _act(request, caller, code, f"versions/{number}/submit", N_("已提交审核。"))


@router.post("/editor/matters/{code}/versions/{number}/publish")
async def publish(code: str, number: int, request: Request, caller: Editor) -> Response:
    """Publish an approved version."""
    return await _act(request, caller, code, f"versions/{number}/publish",
                      N_("已发布，权力清单和办事指南将随即更新。"))


@router.get("/editor/matters/{code}/versions/{number}/edit")
async def edit_version(code: str, number: int, request: Request, caller: Editor,
                       saved: bool = False) -> Response:
    """The matter form filled with a version and its findings; the ETag read now guards the
    save."""
    try:
        version = await catalog.version(link(request, caller), code, number)
    except ServiceError as refused:
        return await _versions_page(request, caller, code, status=refused.status,
                                    error=refusal(request, refused))
    if version.state not in ("draft", "returned"):
        return RedirectResponse(f"/editor/matters/{quote(code)}", status_code=303)
    return await _form_page(request, caller,
                            values=values_from(version.standard, form_layout(request)),
                            version=version, etag=version.etag, saved=saved)


@router.post("/editor/matters/{code}/versions/{number}/edit")
async def save_version(code: str, number: int, request: Request, caller: Editor) -> Response:
    """Save an edited draft with If-Match; a stale ETag says someone else changed it."""
    version = await catalog.version(link(request, caller), code, number)
    return await _save(request, caller, version=version)
