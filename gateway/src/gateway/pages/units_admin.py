"""Units (单位) and the bulk import of units and accounts, on pages for the system
administrator: the file is previewed row by row, then imported whole or not at all."""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from gateway import bulk, bulk_plan, roster, scopes
from gateway import imports as import_api
from gateway.page import Admin, link, render, translate
from kit.errors import DomainError

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=200)]
Code = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_.-]+$")]
ROWS = TypeAdapter(dict[str, list[tuple[int, dict[str, str]]]])


async def units_page(request: Request, caller: Admin, *, status: int = 200,
                     **context: Any) -> Response:
    """The units and the forms to add, rename and remove them."""

    def read() -> list[Any]:
        with request.app.state.db.session(write=False) as s:
            return [(u.code, u.name) for u in roster.units(session=s)]

    return render(request, "admin_units.html", caller, status=status,
                  units=await run_in_threadpool(read), **context)


@router.get("/admin/units", response_class=HTMLResponse)
async def units(request: Request, caller: Admin, done: str = "") -> Response:
    """Every unit reviewers are drawn from."""
    _ = translate(request)
    notice = {"added": _("单位已添加。"), "renamed": _("单位已改名。"),
              "removed": _("单位已删除。")}.get(done)
    return await units_page(request, caller, notice=notice)


async def _unit_action(request: Request, caller: Admin, done: str, action: Any) -> Response:
    def run() -> None:
        with request.app.state.db.session() as s:
            action(s, caller.principal.sub)

    try:
        await run_in_threadpool(run)
    except DomainError as refused:
        _ = translate(request)
        return await units_page(request, caller, status=refused.status,
                                error=_("未能保存：%(detail)s", detail=refused.detail))
    return RedirectResponse(f"/admin/units?done={done}", status_code=303)


def _named(request: Request, code: str, name: str) -> tuple[str, str]:
    code, name = code.strip(), name.strip()
    if not name or not bulk_plan.CODE.match(code) or bulk_plan.CONTROL.search(name):
        raise DomainError(translate(request).gettext("单位代码只能用英文字母、数字和 _ . -，"
                                                     "单位名称不能为空。"))
    return code, name


@router.post("/admin/units", response_class=HTMLResponse)
async def add_unit(request: Request, caller: Admin, code: Text = "",
                   name: Text = "") -> Response:
    """A new unit."""
    return await _unit_action(request, caller, "added", lambda s, actor: roster.add_unit(
        session=s, actor=actor, **dict(zip(("code", "name"), _named(request, code, name),
                                           strict=True))))


@router.post("/admin/units/{code}", response_class=HTMLResponse)
async def rename_unit(request: Request, caller: Admin, code: Code, name: Text = "") -> Response:
    """A unit's new name."""
    return await _unit_action(request, caller, "renamed", lambda s, actor: roster.rename_unit(
        session=s, actor=actor, code=code, name=_named(request, code, name)[1]))


@router.post("/admin/units/{code}/remove", response_class=HTMLResponse)
async def remove_unit(request: Request, caller: Admin, code: Code) -> Response:
    """Remove a unit no account belongs to."""
    return await _unit_action(request, caller, "removed", lambda s, actor: roster.remove_unit(
        session=s, actor=actor, code=code))


# --- the bulk import -----------------------------------------------------------------------

def import_page(request: Request, caller: Admin, *, status: int = 200,
                **context: Any) -> Response:
    """The templates, the upload form, and a preview or an outcome."""
    return render(request, "admin_import.html", caller, status=status,
                  max_rows=bulk.MAX_ROWS, max_mb=bulk.MAX_BYTES // 1048576,
                  titles=bulk_plan.TITLES, **context)


@router.get("/admin/imports", response_class=HTMLResponse)
async def imports(request: Request, caller: Admin) -> Response:
    """Where units and accounts are imported from a file."""
    return import_page(request, caller)


async def _plan(request: Request, caller: Admin, sheets: bulk.Sheets) -> bulk_plan.Plan:
    return await import_api.plan_of(request, link(request, caller), sheets)


@router.post("/admin/imports", response_class=HTMLResponse)
async def preview(request: Request, caller: Admin, kind: Text = "") -> Response:
    """The file read and checked: what it would create, and every wrong cell."""
    chosen = (await request.form()).get("file")
    if not isinstance(chosen, UploadFile) or not chosen.filename:
        return import_page(request, caller, status=422,
                           error=translate(request).gettext("请选择要导入的文件。"))
    sheets = await run_in_threadpool(bulk.read, chosen.filename,
                                     await chosen.read(bulk.MAX_BYTES + 1), kind or None)
    plan = await _plan(request, caller, sheets)
    return import_page(request, caller, status=422 if plan.problems else 200, plan=plan,
                       rows=json.dumps(sheets.rows, ensure_ascii=False))


@router.post("/admin/imports/confirm", response_class=HTMLResponse)
async def confirm(request: Request, caller: Admin,
                  rows: Annotated[str, Form(max_length=1_000_000)] = "") -> Response:
    """Import the previewed rows, checked again: all of them, or none."""
    try:
        sheets = bulk.Sheets(rows={k: v for k, v in ROWS.validate_json(rows or "{}").items()
                                   if k in bulk.COLUMNS})
    except ValidationError:
        sheets = bulk.Sheets()
    plan = await _plan(request, caller, sheets)
    if plan.problems:
        return import_page(request, caller, status=422, plan=plan, rows=rows)

    def write() -> list[dict[str, Any]]:
        with request.app.state.db.session() as s:
            return [{"username": a.username, "display_name": a.display_name,
                     "url": scopes.link_url(request, issued.path),
                     "expires_at": issued.expires_at}
                    for a, issued in bulk_plan.apply(session=s, actor=caller.principal.sub,
                                                     plan=plan)]

    try:
        invited = await run_in_threadpool(write)
    except DomainError as refused:  # someone took a username meanwhile: nothing was written
        return import_page(request, caller, status=refused.status, error=refused.detail)
    return import_page(request, caller, status=201, imported_units=plan.units, invited=invited)
