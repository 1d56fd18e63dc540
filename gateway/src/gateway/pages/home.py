"""The home page: what the platform does, a search of the power list, a way in for each role."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gateway.access import Caller, CallerDep
from gateway.clients import publish
from gateway.clients.base import Answer, ServiceError
from gateway.page import link, render

router = APIRouter(include_in_schema=False)
# (role, path, message key): the places a signed-in visitor most likely goes next.
STARTS = [("applicant", "/my/applications", "home.link_my_applications"),
          ("butler", "/my/applications", "home.link_my_applications"),
          ("clerk", "/clerk/applications", "home.link_clerk"),
          ("approver", "/approver/applications", "home.link_approver"),
          ("editor", "/editor/matters", "home.link_matters"),
          ("reviewer", "/review/cases", "home.link_review"),
          ("lead", "/review/cases", "home.link_review")]


def starts_for(caller: Caller) -> list[tuple[str, str]]:
    """(path, message key) links for the visitor's roles, each path once."""
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
                  statistics=await statistics(request, caller))
