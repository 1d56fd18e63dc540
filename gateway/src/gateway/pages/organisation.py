"""The administrator's pages of the zone's organisation: departments (unified social credit
code, parent, the windows they serve) and the windows of the hall."""

import asyncio
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway.clients import organisation
from gateway.clients.base import ServiceError
from gateway.page import Admin, PageError, link, refusal, render, translate

router = APIRouter(include_in_schema=False)
Code = Annotated[str, Path(min_length=1, max_length=40)]
Short = Annotated[str, Form(max_length=200)]
Choices = Annotated[list[str] | None, Form()]


def _department_form(code: str, name: str, parent_code: str,
                     windows: list[str] | None) -> dict[str, Any]:
    return {"code": code.strip(), "name": name.strip(), "parent_code": parent_code.strip(),
            "windows": [w for w in windows or [] if w][:50]}


def _missing(request: Request, typed: dict[str, Any], *, new: bool) -> str | None:
    _ = translate(request)
    if new and not typed["code"]:
        return _("请填写统一社会信用代码。")
    if not typed["name"]:
        return _("请填写部门名称。")
    return None


async def _departments_page(request: Request, caller: Admin, *, template: str,
                            status: int = 200, **context: Any) -> Response:
    services = link(request, caller)
    try:
        departments, windows = await asyncio.gather(organisation.departments(services),
                                                    organisation.windows(services))
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    return render(request, template, caller, status=status, departments=departments,
                  windows=windows, names={d.code: d.name for d in departments},
                  window_names={w.code: w.name for w in windows}, **context)


@router.get("/admin/departments")
async def departments(request: Request, caller: Admin, saved: str = "") -> Response:
    """The zone's departments, their parents and windows, and the form for a new one."""
    _ = translate(request)
    notice = _("部门“%(code)s”已保存。", code=saved[:40]) if saved else None
    return await _departments_page(request, caller, template="departments_admin.html",
                                   notice=notice, typed={}, error=None)


@router.post("/admin/departments")
async def create_department(request: Request, caller: Admin, code: Short = "",
                            name: Short = "", parent_code: Short = "",
                            windows: Choices = None) -> Response:
    """Add a department; a wrong credit code is said next to the form."""
    typed = _department_form(code, name, parent_code, windows)
    error = _missing(request, typed, new=True)
    if error is None:
        try:
            saved = await organisation.create_department(
                link(request, caller), typed | {"parent_code": typed["parent_code"] or None})
        except ServiceError as refused:
            error = refusal(request, refused)
        else:
            return RedirectResponse(f"/admin/departments?saved={quote(saved.code)}", 303)
    return await _departments_page(request, caller, template="departments_admin.html",
                                   status=422, notice=None, typed=typed, error=error)


@router.get("/admin/departments/{code}")
async def department(request: Request, caller: Admin, code: Code) -> Response:
    """One department's edit form."""
    return await _department_edit(request, caller, code)


async def _department_edit(request: Request, caller: Admin, code: str, *, status: int = 200,
                           typed: dict[str, Any] | None = None,
                           error: str | None = None) -> Response:
    services = link(request, caller)
    found = next((d for d in await organisation.departments(services) if d.code == code), None)
    if found is None:
        _ = translate(request)
        raise PageError(404, _("没有找到该部门：%(code)s", code=code))
    shown = typed or {"code": found.code, "name": found.name,
                      "parent_code": found.parent_code or "", "windows": found.windows}
    return await _departments_page(request, caller, template="department_edit.html",
                                   status=status, department=found, typed=shown, error=error)


@router.post("/admin/departments/{code}")
async def update_department(request: Request, caller: Admin, code: Code, name: Short = "",
                            parent_code: Short = "", windows: Choices = None) -> Response:
    """Save a department's name, parent and windows."""
    typed = _department_form(code, name, parent_code, windows)
    error = _missing(request, typed, new=False)
    if error is None:
        body = {"name": typed["name"], "parent_code": typed["parent_code"] or None,
                "windows": typed["windows"]}
        try:
            await organisation.update_department(link(request, caller), code, body)
        except ServiceError as refused:
            error = refusal(request, refused)
        else:
            return RedirectResponse(f"/admin/departments?saved={quote(code)}", 303)
    return await _department_edit(request, caller, code, status=422, typed=typed, error=error)


# --- windows -------------------------------------------------------------------------------

async def _windows_page(request: Request, caller: Admin, *, status: int = 200,
                        notice: str | None = None, error: str | None = None,
                        typed: dict[str, str] | None = None) -> Response:
    try:
        windows = await organisation.windows(link(request, caller))
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    return render(request, "windows_admin.html", caller, status=status, windows=windows,
                  notice=notice, error=error, typed=typed or {})


@router.get("/admin/windows")
async def windows(request: Request, caller: Admin, saved: str = "") -> Response:
    """The windows of the hall, each renamable, and the form for a new one."""
    _ = translate(request)
    return await _windows_page(request, caller,
                               notice=_("窗口“%(code)s”已保存。", code=saved[:40]) if saved
                               else None)


@router.post("/admin/windows")
async def create_window(request: Request, caller: Admin, code: Short = "",
                        name: Short = "") -> Response:
    """Open a new window of the hall."""
    _ = translate(request)
    typed = {"code": code.strip(), "name": name.strip()}
    error = _("请填写窗口编码和名称。") if not (typed["code"] and typed["name"]) else None
    if error is None:
        try:
            await organisation.create_window(link(request, caller), typed)
        except ServiceError as refused:
            error = refusal(request, refused)
        else:
            return RedirectResponse(f"/admin/windows?saved={quote(typed['code'])}", 303)
    return await _windows_page(request, caller, status=422, error=error, typed=typed)


@router.post("/admin/windows/{code}")
async def rename_window(request: Request, caller: Admin, code: Code, name: Short = "",
                        address: Short = "", hours: Short = "", phone: Short = "") -> Response:
    """Rename a window, or change its place in the hall, opening hours and phone (its code
    stays); the guides print them."""
    _ = translate(request)
    error = _("请填写窗口名称。") if not name.strip() else None
    body = {"name": name.strip(), "address": address.strip() or None,
            "hours": hours.strip() or None, "phone": phone.strip() or None}
    if error is None:
        try:
            await organisation.update_window(link(request, caller), code, body)
        except ServiceError as refused:
            error = refusal(request, refused)
        else:
            return RedirectResponse(f"/admin/windows?saved={quote(code)}", 303)
    return await _windows_page(request, caller, status=422, error=error)
