"""Version history and the diff of two versions, for department editors and review groups."""

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import fetch
from gateway.pages.review import check_role, local_time, refusal, send
from gateway.standard.diff import sections
from gateway.web import render

router = APIRouter(include_in_schema=False)
READERS = ("editor", "admin", "reviewer", "lead", "supervisor", "publisher")
EDITORS = ("editor", "admin")
CATALOG = "/api/catalog/v1"
CANCELLABLE = ("draft", "returned", "scheduled")
Code = Annotated[str, Path(min_length=1, max_length=50)]
Number = Annotated[int, Path(ge=1, le=2**31 - 1)]
# The version state this part added; web.py's labels are shared with other pages.

def _matter_path(code: str) -> str:
    return f"{CATALOG}/matters/{quote(code, safe='')}"


async def _versions(request: Request, caller: Caller, code: str) -> tuple[list[Any], Any]:
    """The versions (oldest first) and the latest version's document (for names)."""
    versions = await fetch(request, caller, "catalog", f"{_matter_path(code)}/versions")
    latest = await fetch(request, caller, "catalog",
                         f"{_matter_path(code)}/versions/{versions[-1]['version']}/document")
    return versions, latest


async def _history_page(request: Request, caller: Caller, code: str, *, block: str = "content",
                        status: int = 200, message: str | None = None,
                        error: str | None = None) -> Response:
    versions, matter = await _versions(request, caller, code)
    return render(request, "version_history.html", caller, block=block, status=status,
                  code=code, matter=matter, versions=list(reversed(versions)), when=local_time,
                  may_cancel=caller.principal.has(*EDITORS), cancellable=CANCELLABLE,
                  message=message, error=error)


@router.get("/matters/{code}/history")
async def history(code: Code, request: Request, caller: CallerDep) -> Response:
    """Every version of a matter with its state and time in force, and what to compare."""
    if (stop := check_role(request, caller, *READERS)) is not None:
        return stop
    return await _history_page(request, caller, code)


@router.post("/matters/{code}/history/{number}/cancel")
async def cancel(code: Code, number: Number, request: Request, caller: CallerDep) -> Response:
    """An editor abandons a draft, a returned version or one waiting for its date."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    answer = await send(request, caller, "catalog", "POST",
                        f"{_matter_path(code)}/versions/{number}/cancel")
    if answer.status_code < 400 and not htmx.is_htmx(request):
        return RedirectResponse(f"/matters/{quote(code, safe='')}/history", status_code=303)
    if answer.status_code >= 400:
        return await _history_page(request, caller, code, block="history",
                                   status=answer.status_code, error=refusal(request, answer))
    t = translator(language(request))
    return await _history_page(request, caller, code, block="history",
                               message=t("vh.cancelled", n=number))


def _pair(versions: list[dict[str, Any]], start: str, end: str) -> tuple[int, int]:
    """The versions to compare: those asked for when they exist, else the latest two."""
    numbers = [v["version"] for v in versions]
    to = int(end) if end.isdigit() and int(end) in numbers else numbers[-1]
    before = [n for n in numbers if n < to]
    default = before[-1] if before else to
    return (int(start) if start.isdigit() and int(start) in numbers else default), to


@router.get("/matters/{code}/diff")
async def diff(code: Code, request: Request, caller: CallerDep,
               start: Annotated[str, Query(alias="from", max_length=12)] = "",
               end: Annotated[str, Query(alias="to", max_length=12)] = "") -> Response:
    """What changed from one version to another, element by element."""
    if (stop := check_role(request, caller, *READERS)) is not None:
        return stop
    versions, matter = await _versions(request, caller, code)
    first, second = _pair(versions, start, end)
    found = await fetch(request, caller, "catalog",
                        f"{_matter_path(code)}/diff?from={first}&to={second}")
    t = translator(language(request))
    changed, unchanged = sections(found, t)
    return render(request, "version_diff.html", caller, block="diff", code=code, matter=matter,
                  versions=versions, diff=found, sections=changed, unchanged=unchanged)
