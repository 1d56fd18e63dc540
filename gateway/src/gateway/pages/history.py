"""Version history and the diff of two versions, for department editors and review groups."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import catalog
from gateway.clients.base import ServiceError
from gateway.page import Editor, Staff, layout_of, link, refusal, render, translate
from gateway.standard.diff import sections
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
CANCELLABLE = ("draft", "returned", "scheduled")
Code = Annotated[str, Path(min_length=1, max_length=50)]
Number = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def _history_page(request: Request, caller: Caller, code: str, *, block: str = "content",
                        status: int = 200, message: str | None = None,
                        error: str | None = None) -> Response:
    versions = await catalog.history(link(request, caller), code)
    # The latest version names the matter (its name, code and department).
    return render(request, "version_history.html", caller, block=block, status=status,
                  code=code, matter=versions[-1].standard, versions=list(reversed(versions)),
                  may_cancel=caller.principal.has("editor", "admin"), cancellable=CANCELLABLE,
                  message=message, error=error)


@router.get("/matters/{code}/history")
async def history(code: Code, request: Request, caller: Staff) -> Response:
    """Every version of a matter with its state and time in force, and what to compare."""
    return await _history_page(request, caller, code)


@router.post("/matters/{code}/history/{number}/cancel")
async def cancel(code: Code, number: Number, request: Request, caller: Editor) -> Response:
    """An editor abandons a draft, a returned version or one waiting for its date."""
    try:
        await catalog.act(link(request, caller), code, f"versions/{number}/cancel")
    except ServiceError as refused:
        return await _history_page(request, caller, code, block="history",
                                   status=refused.status, error=refusal(request, refused))
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/matters/{quote(code, safe='')}/history", status_code=303)
    return await _history_page(request, caller, code, block="history",
                               message=translate(request).gettext("版本 %(n)s 已作废。", n=number))


def _pair(numbers: list[int], start: str, end: str) -> tuple[int, int]:
    """The versions to compare: those asked for when they exist, else the latest two."""
    to = asked if (asked := whole_number(end)) in numbers else numbers[-1]
    before = [n for n in numbers if n < to]
    default = before[-1] if before else to
    return (asked if (asked := whole_number(start)) in numbers else default), to


@router.get("/matters/{code}/diff")
async def diff(code: Code, request: Request, caller: Staff,
               start: Annotated[str, Query(alias="from", max_length=12)] = "",
               end: Annotated[str, Query(alias="to", max_length=12)] = "") -> Response:
    """What changed from one version to another, element by element."""
    services = link(request, caller)
    versions = await catalog.history(services, code)
    first, second = _pair([v.version for v in versions], start, end)
    found = await catalog.diff(services, code, first, second)
    changed, unchanged = sections(found, layout_of(request))
    return render(request, "version_diff.html", caller, block="diff", code=code,
                  matter=versions[-1].standard, versions=versions, diff=found,
                  sections=changed, unchanged=unchanged)
