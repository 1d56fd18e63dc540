"""The public pages: the power list (权力清单) and the service guides (办事指南).

Also the small helpers the applicant, clerk and approver pages share with them: labels of
codes in the page language, Beijing times, and service refusals as sentences.
"""

import asyncio
import math
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import PageError, call, fetch
from gateway.web import STATE_LABELS, render

router = APIRouter(include_in_schema=False)
PUBLISH = "/api/publish/v1"
PAGE_SIZE = 20
BEIJING = timezone(timedelta(hours=8))
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
REFUSALS = {403: "refusal.forbidden", 404: "refusal.not_found", 409: "refusal.conflict",
            413: "refusal.too_large"}


def translate(request: Request) -> Callable[..., str]:
    """`t(key)` in the visitor's language."""
    return translator(language(request))  # type: ignore[no-any-return]


def when(value: str | None, *, day: bool = False) -> str:
    """A service's ISO timestamp as Beijing time; a plain date stays as it is."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        return date.fromisoformat(value[:10]).isoformat() if day else value
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d" if day else "%Y-%m-%d %H:%M")


def size(n: int) -> str:
    """A file size a person reads at a glance."""
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def helpers(t: Callable[..., str]) -> dict[str, Any]:
    """What templates use to show codes and times in words."""

    def label(kind: str, value: object) -> str:
        key = f"{kind}.{value}"
        text = t(key)
        return str(value) if text == key else text

    def state(value: str) -> str:
        key = f"app.state.{value}"
        text = t(key)
        return STATE_LABELS.get(value, value) if text == key else text

    def days(n: int, unit: str) -> str:
        return t("guide.days", n=n, unit=label("unit", unit))

    return {"label": label, "app_state": state, "days": days, "when": when,
            "size": size}


def show(request: Request, template: str, caller: Caller, *, status: int = 200,
         block: str = "content", **context: Any) -> HTMLResponse:
    """Render with the helpers; an HTMX request gets `block`."""
    return render(request, template, caller, block=block, status=status,
                  **helpers(translate(request)), **context)


def refusal(request: Request, exc: PageError) -> str:
    """A service's refusal as a sentence the visitor can act on."""
    key = REFUSALS.get(exc.status, "refusal.general")
    return translate(request)(key, detail=exc.message)


def client_status(exc: PageError) -> int:
    """The status a page answers with when a service refused: 4xx kept, anything else 502."""
    return exc.status if 400 <= exc.status < 500 else 502


async def guide_of(request: Request, caller: Caller, code: str) -> dict[str, Any]:
    """The current service guide of a matter; a readable 404 when there is none."""
    missing = PageError(404, translate(request)("guide.not_found"))
    if not 0 < len(code) <= 50 or CONTROL.search(code) or code in (".", ".."):
        raise missing
    try:
        return await fetch(request, caller, "publish",  # type: ignore[no-any-return]
                           f"{PUBLISH}/guides/{quote(code, safe='')}")
    except PageError as exc:
        if exc.status in (404, 422):
            raise missing from exc
        raise


def page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 100_000 else 1


@router.get("/power-list", response_class=HTMLResponse)
async def power_list(request: Request, caller: CallerDep, q: str = "", department: str = "",
                     page: str = "1") -> Response:
    """The power list: search as you type, filter by department, one page at a time."""
    q, department = CONTROL.sub("", q).strip()[:100], CONTROL.sub("", department)[:100]
    number = page_number(page)
    params = {"q": q, "department": department, "page": number, "size": PAGE_SIZE}
    listed, departments = await asyncio.gather(
        call(request, caller, "publish", "GET", f"{PUBLISH}/power-list", params=params),
        fetch(request, caller, "publish", f"{PUBLISH}/departments"))
    matters = listed.json()
    pages = max(1, math.ceil(matters["total"] / PAGE_SIZE))
    return show(request, "power_list.html", caller, matters=matters, q=q,
                department=department, departments=departments["items"], page=number,
                pages=pages)


@router.get("/guides/{code}", response_class=HTMLResponse)
async def guide(request: Request, caller: CallerDep, code: str) -> Response:
    """The service guide: every element of the published matter standard."""
    return show(request, "guide.html", caller, guide=await guide_of(request, caller, code))
