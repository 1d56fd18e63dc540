"""Pages of the provincial catalog: pilot departments and the rollout (administrators), the basic
catalog the province pushed and deriving a local matter from one of its entries (editors)."""

import asyncio
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import fetch
from gateway.pages.review import check_role, refusal, send
from gateway.web import render

router = APIRouter(include_in_schema=False)
CATALOG = "/api/catalog/v1"
EDITORS = ("editor", "admin")
PAGE_SIZE = 20
BasicCode = Annotated[str, Path(min_length=1, max_length=50)]


# --- pilots (先试点、后推开) ----------------------------------------------------------------

async def _pilots_page(request: Request, caller: Caller, *, block: str = "content",
                       status: int = 200, message: str | None = None,
                       error: str | None = None) -> Response:
    settings = await fetch(request, caller, "catalog", f"{CATALOG}/pilots")
    return render(request, "pilots.html", caller, block=block, status=status,
                  settings=settings, message=message, error=error)


@router.get("/admin/pilots")
async def pilots(request: Request, caller: CallerDep,
                 released: Annotated[int | None, Query(ge=0)] = None) -> Response:
    """Which departments are pilots, and whether the rollout to every department is on."""
    if (stop := check_role(request, caller, "admin")) is not None:
        return stop
    t = translator(language(request))
    message = t("pl.saved", n=released) if released is not None else None
    return await _pilots_page(request, caller, message=message)


@router.post("/admin/pilots")
async def save_pilots(request: Request, caller: CallerDep,
                      rollout: Annotated[str, Form(max_length=3)] = "off",
                      pilots: Annotated[list[str] | None, Form()] = None) -> Response:
    """Save the pilot marks and the rollout switch; held publications may be re-announced."""
    if (stop := check_role(request, caller, "admin")) is not None:
        return stop
    body = {"rollout": rollout == "on", "pilots": [p for p in pilots or [] if p]}
    answer = await send(request, caller, "catalog", "PUT", f"{CATALOG}/pilots", json=body)
    if answer.status_code >= 400:
        return await _pilots_page(request, caller, block="settings", status=answer.status_code,
                                  error=refusal(request, answer))
    released = answer.json().get("released") or 0
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/admin/pilots?released={released}", status_code=303)
    t = translator(language(request))
    return await _pilots_page(request, caller, block="settings",
                              message=t("pl.saved", n=released))


# --- the basic catalog and derived matters --------------------------------------------------

async def _base_catalog_page(request: Request, caller: Caller, *, q: str = "", page: int = 1,
                             block: str = "content", status: int = 200,
                             failed: dict[str, Any] | None = None) -> Response:
    query = f"?q={quote(q)}&page={page}&size={PAGE_SIZE}"
    listing, windows, departments = await asyncio.gather(
        fetch(request, caller, "catalog", f"{CATALOG}/base-catalog{query}"),
        fetch(request, caller, "catalog", f"{CATALOG}/windows"),
        fetch(request, caller, "catalog", f"{CATALOG}/departments"))
    pages = max(1, -(-listing["total"] // PAGE_SIZE))
    return render(request, "base_catalog.html", caller, block=block, status=status,
                  entries=listing["items"], total=listing["total"], q=q, page=page,
                  pages=pages, windows=windows, departments=departments,
                  choose_department=not caller.principal.department, failed=failed or {})


@router.get("/editor/base-catalog")
async def base_catalog(request: Request, caller: CallerDep,
                       q: Annotated[str, Query(max_length=100)] = "",
                       page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    """The basic catalog pushed by the province, searchable, each entry with its local matters
    and a form to derive a new one."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    return await _base_catalog_page(request, caller, q=q, page=page)


@router.post("/editor/base-catalog/{basic_code}/derive")
async def derive(basic_code: BasicCode, request: Request, caller: CallerDep,
                 implementation_code: Annotated[str, Form(max_length=200)] = "",
                 window: Annotated[str, Form(max_length=40)] = "",
                 department: Annotated[str, Form(max_length=18)] = "",
                 q: Annotated[str, Form(max_length=100)] = "",
                 page: Annotated[int, Form(ge=1, le=10_000)] = 1) -> Response:
    """Create a draft local matter from an entry, then open its versions page."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    t = translator(language(request))
    typed = {"basic_code": basic_code, "implementation_code": implementation_code.strip(),
             "window": window, "department": department}
    errors = _missing(typed, t, choose_department=not caller.principal.department)
    status = 422
    if not errors:
        body = {k: v for k, v in typed.items() if k != "basic_code" and v}
        answer = await send(request, caller, "catalog", "POST",
                            f"{CATALOG}/base-catalog/{quote(basic_code)}/derive", json=body)
        if answer.status_code < 400:
            target = f"/editor/matters/{quote(typed['implementation_code'])}"
            if htmx.is_htmx(request):
                return htmx.redirect(Response(status_code=204), target)
            return RedirectResponse(target, status_code=303)
        status, errors = answer.status_code, _refused(request, answer, t)
    return await _base_catalog_page(request, caller, q=q, page=page, block="entries",
                                    status=status, failed={**typed, "errors": errors})


def _missing(typed: dict[str, str], t: Any, *, choose_department: bool) -> dict[str, str]:
    """Fields the editor left empty, each with its message."""
    errors = {}
    if not typed["implementation_code"]:
        errors["implementation_code"] = t("pl.err.code_required")
    elif len(typed["implementation_code"]) > 50:
        errors["implementation_code"] = t("pl.err.code_too_long")
    if not typed["window"]:
        errors["window"] = t("pl.err.window_required")
    if choose_department and not typed["department"]:
        errors["department"] = t("pl.err.department_required")
    return errors


def _refused(request: Request, answer: Any, t: Any) -> dict[str, str]:
    """The catalog's refusal, placed next to the field it concerns."""
    if answer.status_code == 409 and "implementation code" in answer.text:
        return {"implementation_code": t("pl.err.code_taken")}
    if answer.status_code == 422:
        fields = {str(e.get("loc", ["", ""])[-1]) for e in answer.json().get("errors") or []}
        for name in ("implementation_code", "window", "department"):
            if name in fields:
                return {name: t(f"pl.err.{name}_invalid")}
    return {"form": refusal(request, answer)}
