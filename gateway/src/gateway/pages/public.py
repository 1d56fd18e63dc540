"""The public pages: the power list (权力清单) and the service guides (办事指南)."""

import asyncio
import math
import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from gateway.access import CallerDep
from gateway.clients import publish
from gateway.page import guide_of, link, render, translate
from gateway.printing import HANDBOOK_READERS, guide_address, qr_code
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def page_number(raw: str) -> int:
    """The page asked for, or the first."""
    asked = whole_number(raw)
    return asked if asked is not None and 0 < asked <= 100_000 else 1


@router.get("/power-list", response_class=HTMLResponse)
async def power_list(request: Request, caller: CallerDep, q: str = "", department: str = "",
                     page: str = "1") -> Response:
    """The power list: search as you type, filter by department, one page at a time."""
    q, department = CONTROL.sub("", q).strip()[:100], CONTROL.sub("", department)[:100]
    number = page_number(page)
    services = link(request, caller)
    matters, departments = await asyncio.gather(
        publish.power_list(services, q=q, department=department, page=number, size=PAGE_SIZE),
        publish.departments(services))
    pages = max(1, math.ceil(matters.total / PAGE_SIZE))
    return render(request, "power_list.html", caller, matters=matters, q=q,
                  department=department, departments=departments, page=number, pages=pages)


@router.get("/guides/{code}", response_class=HTMLResponse)
async def guide(request: Request, caller: CallerDep, code: str) -> Response:
    """The service guide: every element of the published matter standard, its flowchart, the
    hall window, and (in print) a QR code back to it."""
    found, chart = await asyncio.gather(guide_of(request, caller, code),
                                        publish.flowchart(link(request, caller), code))
    return render(request, "guide.html", caller, guide=found,
                  flowchart=Markup(chart) if chart else None,  # publish's SVG, texts escaped
                  qr=qr_code(guide_address(request, found.implementation_code),
                             title=translate(request).gettext("扫码查看在线办事指南")),
                  handbook=caller.principal.has(*HANDBOOK_READERS))
