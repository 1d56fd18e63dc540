"""The home page: what the platform does, a search of the power list, a way in for each role."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gateway.access import Caller, CallerDep
from gateway.clients import publish
from gateway.clients.base import Answer, ServiceError
from gateway.i18n import N_
from gateway.page import link, render

router = APIRouter(include_in_schema=False)
# (role, path, text): the places a signed-in visitor most likely goes next.
STARTS = [("applicant", "/my/applications", N_("查看我的申请")),
          ("butler", "/my/applications", N_("查看我的申请")),
          ("clerk", "/clerk/applications", N_("处理窗口受理")),
          ("approver", "/approver/applications", N_("作出审批决定")),
          ("approver", "/signoffs", N_("签署并联审批意见")),
          ("editor", "/editor/matters", N_("编制事项标准")),
          ("reviewer", "/review/cases", N_("处理审核任务")),
          ("lead", "/review/cases", N_("处理审核任务"))]


def starts_for(caller: Caller) -> list[tuple[str, str]]:
    """(path, text) links for the visitor's roles, each path once."""
    seen: dict[str, str] = {}
    for role, path, key in STARTS:
        if caller.principal.has(role):
            seen.setdefault(path, key)
    return list(seen.items())


async def statistics(request: Request, caller: Caller) -> Answer | None:
    """The published totals; the home page still shows when publish does not answer."""
    try:
        return await publish.statistics(link(request, caller))
    except ServiceError:
        return None


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, caller: CallerDep) -> Response:
    """The home page."""
    return render(request, "home.html", caller, starts=starts_for(caller),
                  statistics=await statistics(request, caller), public=True)
