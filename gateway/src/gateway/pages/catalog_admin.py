"""Pages of the provincial catalog: pilot departments and the rollout (administrators), the basic
catalog the province pushed and deriving a local matter from one of its entries (editors)."""

import asyncio
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx, labels
from gateway.access import Caller
from gateway.clients import catalog
from gateway.clients.base import ServiceError
from gateway.page import Admin, Editor, link, refusal, render, translate

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
BasicCode = Annotated[str, Path(min_length=1, max_length=50)]


# --- pilots (先试点、后推开) ----------------------------------------------------------------

async def _pilots_page(request: Request, caller: Caller, *, block: str = "content",
                       status: int = 200, message: str | None = None,
                       error: str | None = None) -> Response:
    settings = await catalog.pilots(link(request, caller))
    return render(request, "pilots.html", caller, block=block, status=status,
                  settings=settings, message=message, error=error)


@router.get("/admin/pilots")
async def pilots(request: Request, caller: Admin,
                 released: Annotated[int | None, Query(ge=0)] = None) -> Response:
    """Which departments are pilots, and whether the rollout to every department is on."""
    _ = translate(request)
    message = _("设置已保存，补报发布记录 %(n)s 条。", n=released) if released is not None else None
    return await _pilots_page(request, caller, message=message)


@router.post("/admin/pilots")
async def save_pilots(request: Request, caller: Admin,
                      rollout: Annotated[str, Form(max_length=3)] = "off",
                      pilots: Annotated[list[str] | None, Form()] = None) -> Response:
    """Save the pilot marks and the rollout switch; held publications may be re-announced."""
    try:
        saved = await catalog.save_pilots(link(request, caller), rollout=rollout == "on",
                                          pilots=[p for p in pilots or [] if p])
    except ServiceError as refused:
        return await _pilots_page(request, caller, block="settings", status=refused.status,
                                  error=refusal(request, refused))
    released = saved.released or 0
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/admin/pilots?released={released}", status_code=303)
    return await _pilots_page(request, caller, block="settings",
                              message=translate(request).gettext("设置已保存，"
                                                                 "补报发布记录 %(n)s 条。",
                                                                 n=released))


# --- the basic catalog and derived matters --------------------------------------------------

async def _base_catalog_page(request: Request, caller: Caller, *, q: str = "", page: int = 1,
                             block: str = "content", status: int = 200,
                             failed: dict[str, Any] | None = None) -> Response:
    services = link(request, caller)
    listing, windows, departments = await asyncio.gather(
        catalog.base_catalog(services, q=q, page=page, size=PAGE_SIZE),
        catalog.windows(services), catalog.departments(services))
    pages = max(1, -(-listing.total // PAGE_SIZE))
    return render(request, "base_catalog.html", caller, block=block, status=status,
                  entries=listing.items, total=listing.total, q=q, page=page,
                  pages=pages, windows=windows, departments=departments,
                  choose_department=not caller.principal.department, failed=failed or {})


@router.get("/editor/base-catalog")
async def base_catalog(request: Request, caller: Editor,
                       q: Annotated[str, Query(max_length=100)] = "",
                       page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    """The basic catalog pushed by the province, searchable, each entry with its local matters
    and a form to derive a new one."""
    return await _base_catalog_page(request, caller, q=q, page=page)


@router.post("/editor/base-catalog/{basic_code}/derive")
async def derive(basic_code: BasicCode, request: Request, caller: Editor,
                 implementation_code: Annotated[str, Form(max_length=200)] = "",
                 window: Annotated[str, Form(max_length=40)] = "",
                 department: Annotated[str, Form(max_length=18)] = "",
                 q: Annotated[str, Form(max_length=100)] = "",
                 page: Annotated[int, Form(ge=1, le=10_000)] = 1) -> Response:
    """Create a draft local matter from an entry, then open its versions page."""
    _ = translate(request)
    typed = {"basic_code": basic_code, "implementation_code": implementation_code.strip(),
             "window": window, "department": department}
    errors = _missing(typed, _, choose_department=not caller.principal.department)
    status = 422
    if not errors:
        body = {k: v for k, v in typed.items() if k != "basic_code" and v}
        try:
            await catalog.derive(link(request, caller), basic_code, body)
        except ServiceError as refused:
            status, errors = refused.status, _refused(request, refused, _)
        else:
            target = f"/editor/matters/{quote(typed['implementation_code'])}"
            if htmx.is_htmx(request):
                return htmx.redirect(Response(status_code=204), target)
            return RedirectResponse(target, status_code=303)
    return await _base_catalog_page(request, caller, q=q, page=page, block="entries",
                                    status=status, failed={**typed, "errors": errors})


def _missing(typed: dict[str, str], _: Any, *, choose_department: bool) -> dict[str, str]:
    """Fields the editor left empty, each with its message."""
    errors = {}
    if not typed["implementation_code"]:
        errors["implementation_code"] = _("请填写实施编码。")
    elif len(typed["implementation_code"]) > 50:
        errors["implementation_code"] = _("实施编码最多 50 个字符。")
    if not typed["window"]:
        errors["window"] = _("请选择办理窗口。")
    if choose_department and not typed["department"]:
        errors["department"] = _("请选择实施主体。")
    return errors


def _refused(request: Request, refused: ServiceError, _: Any) -> dict[str, str]:
    """The catalog's refusal, placed next to the field it concerns."""
    if refused.status == 409 and "implementation code" in refused.detail:
        return {"implementation_code": _("该实施编码已被其他事项使用，请换一个。")}
    if refused.status == 422:
        fields = {str(e.get("loc", ["", ""])[-1]) for e in refused.errors}
        for name in ("implementation_code", "window", "department"):
            if name in fields:
                return {name: _(labels.INVALID_CHOICES[f"{name}_invalid"])}
    return {"form": refusal(request, refused)}
