"""The butler's service (管家式服务, 私人定制): the enterprise's mandates (我的授权) and
projects (我的项目), the butler's acceptance and workbench, one project page for both."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from gateway import identity
from gateway.access import Caller
from gateway.clients import butler as butlers
from gateway.clients.base import ServiceError
from gateway.page import (
    APPLICATION_REFUSALS,
    Filer,
    PageError,
    ProjectFollower,
    link,
    refusal,
    render,
    translate,
)

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


def is_enterprise(caller: Caller) -> bool:
    """The enterprise's own account (an applicant with its credit code)."""
    return caller.principal.has("applicant") and bool(caller.principal.enterprise)


def butler_of(request: Request, username: str) -> str | None:
    """The name of the butler an enterprise names, from the gateway's accounts."""
    with request.app.state.db.session(write=False) as session:
        return identity.butler_name(session, username)


def unknown_butler(request: Request, username: str) -> str:
    """No butler has this username: said so the visitor checks it."""
    return translate(request)("没有用户名为“%(name)s”的服务管家，请核对后重新填写。", name=username)


def refused_status(refused: ServiceError) -> int:
    return refused.status if 400 <= refused.status < 500 else 502


# --- mandates (我的授权) ---

async def mandates_page(request: Request, caller: Caller, *, error: str | None = None,
                        notice: str | None = None, status: int = 200,
                        chosen: dict[str, str] | None = None) -> Response:
    services = link(request, caller)
    found, matters = await asyncio.gather(
        butlers.mandates(services),
        butlers.open_matters(services) if is_enterprise(caller) else asyncio.sleep(0, []))
    return render(request, "mandates.html", caller, status=status, mandates=found,
                  matters=matters, error=error, notice=notice, chosen=chosen or {},
                  enterprise=is_enterprise(caller))


@router.get("/my/mandates", response_class=HTMLResponse)
async def my_mandates(request: Request, caller: Filer, done: str = "") -> Response:
    """The enterprise's mandates (grant, revoke) or the butler's (accept, revoke)."""
    _ = translate(request)
    notices = {"granted": _("授权已发出，等待管家接受。"), "accept": _("已接受授权。"),
               "revoke": _("授权已撤销。")}
    return await mandates_page(request, caller, notice=notices.get(done))


@router.post("/my/mandates", response_class=HTMLResponse)
async def grant(request: Request, caller: Filer, butler: Text = "", expires_on: Text = "",
                scope: Text = "all") -> Response:
    """The enterprise grants a butler a mandate: all matters or the chosen ones, until a day."""
    _ = translate(request)
    matters = [str(m) for m in (await request.form()).getlist("matters")][:100]
    chosen = {"butler": butler.strip()[:120], "expires_on": expires_on[:10], "scope": scope}
    error = (_("请填写服务管家的用户名。") if not chosen["butler"] else
             _("请选择授权到期日。") if not chosen["expires_on"] else
             _("请至少选择一个授权事项，或选择全部事项。") if scope == "list" and not matters
             else None)
    name = await run_in_threadpool(butler_of, request, chosen["butler"]) if not error else None
    if error is None and name is None:
        error = unknown_butler(request, chosen["butler"])
    if error is None:
        body = {"butler": chosen["butler"], "butler_name": name, "expires_on": chosen["expires_on"],
                "matters": matters if scope == "list" else []}
        try:
            await butlers.mandate(link(request, caller), "grant", body)
        except ServiceError as refused:
            error = refusal(request, refused, APPLICATION_REFUSALS)
        else:
            return RedirectResponse("/my/mandates?done=granted", status_code=303)
    return await mandates_page(request, caller, error=error, status=422, chosen=chosen)


@router.post("/my/mandates/{mandate_id:int}/{action:str}", response_class=HTMLResponse)
async def mandate_action(request: Request, caller: Filer, mandate_id: int, action: str,
                         reason: Text = "") -> Response:
    """The butler accepts a mandate; either side revokes one (with a reason)."""
    if action not in ("accept", "revoke"):
        raise PageError(404, translate(request).gettext("没有找到该页面或记录。"))
    body = {"reason": reason.strip()[:500]} if action == "revoke" else {}
    try:
        await butlers.mandate(link(request, caller), action, body, mandate_id)
    except ServiceError as refused:
        return await mandates_page(request, caller, status=refused_status(refused),
                                   error=refusal(request, refused, APPLICATION_REFUSALS))
    return RedirectResponse(f"/my/mandates?done={action}", status_code=303)


# --- projects (我的项目, the butler's workbench) ---

@router.get("/projects", response_class=HTMLResponse)
async def projects(request: Request, caller: ProjectFollower, error: str = "") -> Response:
    """The enterprise's projects and its request form; the butler's projects and the requests
    nobody took; every project for an administrator."""
    found = await butlers.projects(link(request, caller))
    mine = [p for p in found if p.butler == caller.principal.sub or is_enterprise(caller)
            or caller.principal.has("admin")]
    open_requests = [p for p in found if p.butler is None and p not in mine]
    return render(request, "projects.html", caller, projects=mine, open_requests=open_requests,
                  enterprise=is_enterprise(caller), error=error or None)


@router.post("/projects", response_class=HTMLResponse)
async def request_project(request: Request, caller: ProjectFollower, name: Text = "",
                          kind: Text = "", description: Text = "",
                          location: Text = "") -> Response:
    """The enterprise asks the zone for a butler for a project."""
    body: dict[str, object] = {"name": name.strip()[:200], "kind": kind,
                               "description": description[:2000], "location": location[:200]}
    project = await step(request, caller, None, "", body)
    return RedirectResponse(f"/projects/{project.id}", status_code=303)


async def step(request: Request, caller: Caller, project_id: int | None, action: str,
               body: dict[str, object] | None = None, method: str = "POST") -> butlers.Project:
    """One change of a project; a refusal is the readable error page."""
    try:
        return await butlers.change_project(link(request, caller), project_id, action, body,
                                           method)
    except ServiceError as refused:
        raise PageError(refused_status(refused),
                        refusal(request, refused, APPLICATION_REFUSALS)) from refused


@router.post("/projects/{project_id:int}/take", response_class=HTMLResponse)
async def take(request: Request, caller: ProjectFollower, project_id: int) -> Response:
    """A butler takes a request nobody took."""
    await step(request, caller, project_id, "take")
    return RedirectResponse(f"/projects/{project_id}", status_code=303)


@router.post("/projects/{project_id:int}/assign", response_class=HTMLResponse)
async def assign(request: Request, caller: ProjectFollower, project_id: int,
                 butler: Text = "") -> Response:
    """An administrator gives a request to a butler (by username)."""
    username = butler.strip()[:120]
    name = await run_in_threadpool(butler_of, request, username)
    if name is None:
        raise PageError(422, unknown_butler(request, username))
    await step(request, caller, project_id, "assign", {"butler": username, "butler_name": name})
    return RedirectResponse("/projects", status_code=303)


@router.get("/projects/{project_id:int}", response_class=HTMLResponse)
async def project_page(request: Request, caller: ProjectFollower, project_id: int,
                       filed: str = "") -> Response:
    """One project on one page: each matter's state, who it waits on, the next step; its
    butler also draws up the list here."""
    services = link(request, caller)
    try:
        project = await butlers.project(services, project_id)
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused, APPLICATION_REFUSALS)) \
            from refused
    drawing = project.butler == caller.principal.sub
    listed = {i.implementation_code for i in project.items}
    matters = ([m for m in await butlers.open_matters(services)
                if m.implementation_code not in listed] if drawing else [])
    notice = translate(request).gettext("已代为申报，可在下方跟踪办理进度。") if filed else None
    return render(request, "project.html", caller, project=project, drawing=drawing,
                  matters=matters, notice=notice)


@router.post("/projects/{project_id:int}/items", response_class=HTMLResponse)
async def add_item(request: Request, caller: ProjectFollower, project_id: int,
                   implementation_code: Text = "") -> Response:
    """The butler adds a published matter to the project's list."""
    await step(request, caller, project_id, "items",
               {"implementation_code": implementation_code.strip()[:50]})
    return RedirectResponse(f"/projects/{project_id}#list", status_code=303)


@router.post("/projects/{project_id:int}/items/{item_id:int}/{move:str}",
             response_class=HTMLResponse)
async def move_item(request: Request, caller: ProjectFollower, project_id: int, item_id: int,
                    move: str) -> Response:
    """The butler moves a matter up or down the list, or takes it off."""
    if move == "remove":
        await step(request, caller, project_id, f"items/{item_id}", method="DELETE")
        return RedirectResponse(f"/projects/{project_id}#list", status_code=303)
    project = await butlers.project(link(request, caller), project_id)
    order = [i.id for i in project.items]
    if item_id not in order or move not in ("up", "down"):
        raise PageError(404, translate(request).gettext("没有找到该页面或记录。"))
    at = order.index(item_id)
    to = max(at - 1, 0) if move == "up" else min(at + 1, len(order) - 1)
    order[at], order[to] = order[to], order[at]
    await step(request, caller, project_id, "items", {"items": order}, method="PUT")
    return RedirectResponse(f"/projects/{project_id}#list", status_code=303)
