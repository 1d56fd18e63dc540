"""The administrator's pages of joint review's organisation: review groups (code, name,
domains, the windows they own) and the ordered routing rules, with the default group, a
"test this rule" preview (typed criteria or a real matter) and the cases waiting unrouted."""

import asyncio
from collections.abc import Awaitable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway.clients import catalog, organisation, review, routing
from gateway.clients.base import ServiceError
from gateway.page import Admin, PageError, layout_of, link, refusal, render, translate
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
GroupCode = Annotated[str, Path(min_length=1, max_length=20)]
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Short = Annotated[str, Form(max_length=200)]
Ask = Annotated[str, Query(max_length=50)]


async def _context(request: Request, caller: Admin) -> dict[str, Any]:
    """What both pages show: groups, windows and departments by code."""
    services = link(request, caller)
    try:
        groups, windows, departments = await asyncio.gather(
            routing.groups(services), organisation.windows(services),
            organisation.departments(services))
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    return {"groups": groups, "windows": windows, "departments": departments,
            "window_names": {w.code: w.name for w in windows},
            "department_names": {d.code: d.name for d in departments}}


# --- review groups -------------------------------------------------------------------------

async def _groups_page(request: Request, caller: Admin, *, status: int = 200,
                       notice: str | None = None, error: str | None = None,
                       typed: dict[str, Any] | None = None) -> Response:
    context, members = await asyncio.gather(_context(request, caller),
                                            review.reviewers(link(request, caller)))
    members_of: dict[str, list[review.GroupMember]] = {}
    for member in members:
        if member.active and member.group:
            members_of.setdefault(member.group, []).append(member)
    return render(request, "review_groups_admin.html", caller, status=status, notice=notice,
                  error=error, typed=typed or {}, members_of=members_of, **context)


def _group_form(name: str, domains: str, windows: list[str] | None) -> dict[str, Any]:
    return {"name": name.strip(), "domains": domains.strip(),
            "windows": [w for w in windows or [] if w][:50]}


@router.get("/admin/review-groups")
async def review_groups(request: Request, caller: Admin, saved: str = "") -> Response:
    """The review groups, each editable, and the form for a new one."""
    _ = translate(request)
    return await _groups_page(request, caller, notice=_("审核组“%(code)s”已保存。",
                                                        code=saved[:20]) if saved else None)


@router.post("/admin/review-groups")
async def create_group(request: Request, caller: Admin, code: Short = "", name: Short = "",
                       domains: Short = "",
                       windows: Annotated[list[str] | None, Form()] = None) -> Response:
    """Add a review group (its windows get a rule each, after the others)."""
    typed = {"code": code.strip()} | _group_form(name, domains, windows)
    return await _save_group(request, caller, typed, routing.create_group(
        link(request, caller), typed) if typed["code"] and typed["name"] else None)


@router.post("/admin/review-groups/{code}")
async def update_group(request: Request, caller: Admin, code: GroupCode, name: Short = "",
                       domains: Short = "",
                       windows: Annotated[list[str] | None, Form()] = None) -> Response:
    """Save a group's name, domains and the windows it owns."""
    typed = {"code": code} | _group_form(name, domains, windows)
    body = {k: typed[k] for k in ("name", "domains", "windows")}
    return await _save_group(request, caller, typed, routing.update_group(
        link(request, caller), code, body) if typed["name"] else None)


async def _save_group(request: Request, caller: Admin, typed: dict[str, Any],
                      saving: Awaitable[object] | None) -> Response:
    _ = translate(request)
    error = _("请填写审核组编码和名称。")
    if saving is not None:
        try:
            await saving
        except ServiceError as refused:
            error = refusal(request, refused)
        else:
            return RedirectResponse(f"/admin/review-groups?saved={typed['code']}", 303)
    return await _groups_page(request, caller, status=422, error=error, typed=typed)


# --- routing rules -------------------------------------------------------------------------

async def _routing_page(request: Request, caller: Admin, *, status: int = 200,
                        notice: str | None = None, error: str | None = None,
                        ask: dict[str, str] | None = None,
                        typed: dict[str, str] | None = None) -> Response:
    services = link(request, caller)
    ask = ask or {}
    try:
        table, open_cases, context = await asyncio.gather(
            routing.table(services), review.cases(services, "open"),
            _context(request, caller))
        outcome, asked = await _preview(request, caller, ask)
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    return render(request, "routing_admin.html", caller, status=status, table=table,
                  notice=notice, error=error, ask=ask, outcome=outcome, asked=asked,
                  typed=typed or {}, unrouted=[c for c in open_cases if c.group == "unrouted"],
                  matter_types=[c for c, _ in layout_of(request).choices("matter_type")],
                  **context)


async def _preview(request: Request, caller: Admin,
                   ask: dict[str, str]) -> tuple[routing.Outcome | None, dict[str, str]]:
    """Where the asked criteria (or the asked matter's latest version) would go."""
    services = link(request, caller)
    criteria = {k: ask[k] for k in ("window", "department_code", "matter_type") if ask.get(k)}
    if ask.get("matter"):
        try:
            found = await catalog.matter(services, ask["matter"])
            latest = await catalog.version(services, found.implementation_code,
                                           found.versions[-1].version)
        except ServiceError as refused:
            if refused.status in (404, 422):
                return None, {"missing": ask["matter"]}
            raise
        standard = latest.standard
        criteria = {"window": standard.get("window") or "",
                    "department_code": (standard.get("department") or {}).get("code") or "",
                    "matter_type": standard.get("matter_type") or ""}
        criteria |= {"name": found.name}
    elif not criteria:
        return None, {}
    asked = {k: v for k, v in criteria.items() if k != "name"}
    return await routing.preview(services, asked), criteria


@router.get("/admin/routing")
async def routing_rules(request: Request, caller: Admin, saved: str = "", window: Ask = "",
                        department_code: Ask = "", matter_type: Ask = "",
                        matter: Ask = "") -> Response:
    """The rules in order with the default group; `window`, `department_code`, `matter_type`
    or `matter` (an implementation code) ask where such a standard would go."""
    _ = translate(request)
    notices = {"rule": _("规则已保存。"), "moved": _("规则顺序已调整。"),
               "deleted": _("规则已删除。"), "default": _("默认审核组已保存。"),
               "routed": _("案件已按现行规则重新分派。")}
    ask = {"window": window, "department_code": department_code, "matter_type": matter_type,
           "matter": matter.strip()}
    return await _routing_page(request, caller, notice=notices.get(saved), ask=ask)


def _rule_form(window: str, department_code: str, matter_type: str, group: str,
               note: str) -> dict[str, str]:
    return {"window": window.strip(), "department_code": department_code.strip(),
            "matter_type": matter_type.strip(), "group": group.strip(), "note": note.strip()}


async def _write(request: Request, caller: Admin, saving: Awaitable[object], done: str,
                 typed: dict[str, str] | None = None) -> Response:
    try:
        await saving
    except ServiceError as refused:
        return await _routing_page(request, caller, status=refused.status if
                                   refused.status in (404, 409, 422) else 422,
                                   error=refusal(request, refused), typed=typed)
    return RedirectResponse(f"/admin/routing?saved={done}", 303)


@router.post("/admin/routing/rules")
async def add_rule(request: Request, caller: Admin, window: Short = "",
                   department_code: Short = "", matter_type: Short = "", group: Short = "",
                   note: Short = "", position: Short = "") -> Response:
    """Add a rule (at a position, or last)."""
    typed = _rule_form(window, department_code, matter_type, group, note)
    body: dict[str, Any] = typed | {"position": whole_number(position) or None}
    return await _write(request, caller, routing.add_rule(link(request, caller), body),
                        "rule", typed | {"position": position})


@router.post("/admin/routing/rules/{rule_id}")
async def change_rule(request: Request, caller: Admin, rule_id: Id, window: Short = "",
                      department_code: Short = "", matter_type: Short = "",
                      group: Short = "", note: Short = "") -> Response:
    """Save a rule's criteria, group and note."""
    typed = _rule_form(window, department_code, matter_type, group, note)
    return await _write(request, caller, routing.change_rule(link(request, caller), rule_id,
                                                             typed), "rule")


@router.post("/admin/routing/rules/{rule_id}/move")
async def move_rule(request: Request, caller: Admin, rule_id: Id,
                    position: Annotated[int, Form(ge=1, le=10_000)]) -> Response:
    """Move a rule up or down (to `position`)."""
    return await _write(request, caller, routing.move_rule(link(request, caller), rule_id,
                                                           position), "moved")


@router.post("/admin/routing/rules/{rule_id}/delete")
async def delete_rule(request: Request, caller: Admin, rule_id: Id) -> Response:
    """Remove a rule."""
    return await _write(request, caller, routing.delete_rule(link(request, caller), rule_id),
                        "deleted")


@router.post("/admin/routing/default")
async def set_default(request: Request, caller: Admin, group: Short = "") -> Response:
    """Choose the group that receives what no rule matches."""
    return await _write(request, caller, routing.set_default(link(request, caller),
                                                             group.strip()), "default")


@router.post("/admin/routing/cases/{case_id}/route")
async def reroute(request: Request, caller: Admin, case_id: Id) -> Response:
    """Route an open case again by today's rules."""
    return await _write(request, caller, routing.reroute(link(request, caller), case_id),
                        "routed")
