"""Search: the public search page (搜索事项) and the administrator's synonyms (同义词)."""

import math
import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.clients import publish
from gateway.clients.base import ServiceError
from gateway.page import Admin, link, refusal, render, translate
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LONGEST = 100  # the longest query publish answers
SEPARATORS = re.compile(r"[,，、;；\n]+")
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


def page_number(raw: str) -> int:
    """The page asked for, or the first."""
    asked = whole_number(raw)
    return asked if asked is not None and 0 < asked <= 10_000 else 1


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, caller: CallerDep, q: str = "", page: str = "1") -> Response:
    """The matters answering the visitor's words, best first; did-you-mean when none does."""
    typed = CONTROL.sub("", q).strip()
    too_long = len(typed) > LONGEST
    number = page_number(page)
    answer = None
    if typed and not too_long:
        answer = await publish.search(link(request, caller), q=typed, page=number, size=PAGE_SIZE)
    pages = max(1, math.ceil(answer.total / PAGE_SIZE)) if answer else 1
    return render(request, "search.html", caller, block="results", q=typed[:LONGEST],
                  too_long=too_long, answer=answer, page=number, pages=pages, public=True)


def targets_of(text: Any) -> list[str]:
    """The words a synonym means, one per line or separated by commas."""
    return [t.strip() for t in SEPARATORS.split(str(text or "")) if t.strip()]


async def _synonyms(request: Request, caller: Caller, *, status: int = 200, message: str = "",
                    error: dict[str, Any] | None = None) -> Response:
    items = await publish.synonyms(link(request, caller))
    return render(request, "admin_synonyms.html", caller, block="synonyms", status=status,
                  synonyms=items, message=message, error=error)


@router.get("/admin/synonyms")
async def synonyms(request: Request, caller: Admin, saved: str = "") -> Response:
    """The synonyms search widens visitors' words with, each editable."""
    _ = translate(request)
    message = _("同义词已保存。") if saved else ""
    return await _synonyms(request, caller, message=message)


async def _save(request: Request, caller: Caller, synonym_id: int | None) -> Response:
    form = await request.form()
    term, targets = str(form.get("term") or "").strip(), targets_of(form.get("targets"))
    try:
        await publish.save_synonym(link(request, caller), synonym_id, term, targets)
    except ServiceError as refused:
        error = {"id": synonym_id, "term": term, "targets": str(form.get("targets") or ""),
                 "reason": refusal(request, refused)}
        return await _synonyms(request, caller, status=refused.status, error=error)
    if not htmx.is_htmx(request):
        return RedirectResponse("/admin/synonyms?saved=1", status_code=303)
    _ = translate(request)
    return await _synonyms(request, caller, message=_("同义词已保存。"))


@router.post("/admin/synonyms")
async def add_synonym(request: Request, caller: Admin) -> Response:
    """Add a synonym."""
    return await _save(request, caller, None)


@router.post("/admin/synonyms/{synonym_id}")
async def change_synonym(synonym_id: Id, request: Request, caller: Admin) -> Response:
    """Change a synonym's word or the words it means."""
    return await _save(request, caller, synonym_id)


@router.post("/admin/synonyms/{synonym_id}/delete")
async def delete_synonym(synonym_id: Id, request: Request, caller: Admin) -> Response:
    """Delete a synonym."""
    try:
        await publish.delete_synonym(link(request, caller), synonym_id)
    except ServiceError as refused:
        error = {"id": synonym_id, "reason": refusal(request, refused)}
        return await _synonyms(request, caller, status=refused.status, error=error)
    if not htmx.is_htmx(request):
        return RedirectResponse("/admin/synonyms?saved=1", status_code=303)
    _ = translate(request)
    return await _synonyms(request, caller, message=_("同义词已删除。"))
