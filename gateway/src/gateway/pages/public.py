"""The public service guides (办事指南); the lists are in `lists.py`."""

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from gateway.access import CallerDep
from gateway.clients import publish
from gateway.page import guide_of, link, render, translate
from gateway.printing import HANDBOOK_READERS, guide_address, qr_code

router = APIRouter(include_in_schema=False)


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
                  handbook=caller.principal.has(*HANDBOOK_READERS), public=True)
