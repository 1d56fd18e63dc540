"""The flowchart of a guide (public) and its business handbook (staff only)."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Response

from kit.app import SessionDep
from kit.auth import require
from publish.flowchart import service
from publish.routes import READERS
from publish.schemas import PRINTABLE

# The zone's staff: those who write, review, handle and oversee matters (not the public).
STAFF = ("editor", "approver", "clerk", "reviewer", "lead", "supervisor", "admin", "leader",
         "publisher")
router = APIRouter(prefix="/api/publish/v1/guides", tags=["flowcharts"])
ImplementationCode = Annotated[str, Path(min_length=1, max_length=50, pattern=PRINTABLE)]
SVG = "image/svg+xml"
PDF = "application/pdf"


@router.get("/{implementation_code}/flowchart.svg", response_class=Response,
            dependencies=[require(*READERS)], responses={200: {"content": {SVG: {}}}})
def flowchart(implementation_code: ImplementationCode, session: SessionDep) -> Response:
    """The matter's process as an accessible SVG flowchart, drawn from its published steps."""
    svg = service.flowchart(session=session, implementation_code=implementation_code)
    return Response(svg, media_type=SVG, headers={"X-Content-Type-Options": "nosniff",
                                                  "Cache-Control": "no-cache"})


@router.get("/{implementation_code}/handbook.pdf", response_class=Response,
            dependencies=[require(*STAFF)], responses={200: {"content": {PDF: {}}}})
def handbook(implementation_code: ImplementationCode, session: SessionDep) -> Response:
    """The matter's business handbook (业务手册) for staff: standard, flowchart, review
    standards and discretion benchmarks, as PDF."""
    pdf = service.handbook_pdf(session=session, implementation_code=implementation_code)
    name = f"{implementation_code}-业务手册.pdf"
    disposition = f"inline; filename=\"handbook.pdf\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(pdf, media_type=PDF, headers={"Content-Disposition": disposition,
                                                  "Cache-Control": "no-store"})
