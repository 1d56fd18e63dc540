"""The public service guides (办事指南); the lists are in `lists.py`."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gateway.access import CallerDep
from gateway.page import guide_of, render

router = APIRouter(include_in_schema=False)


@router.get("/guides/{code}", response_class=HTMLResponse)
async def guide(request: Request, caller: CallerDep, code: str) -> Response:
    """The service guide: every element of the published matter standard."""
    return render(request, "guide.html", caller, guide=await guide_of(request, caller, code))
