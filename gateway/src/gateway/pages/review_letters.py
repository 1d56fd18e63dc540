"""The consolidated feedback letter printed: for the review group, and for the department's
editors on their version's page."""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from gateway.access import Caller
from gateway.clients import review
from gateway.page import Editor, Reviewer, link

router = APIRouter(include_in_schema=False)
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def _pdf(request: Request, caller: Caller, case_id: int) -> Response:
    content, disposition = await review.letter_pdf(link(request, caller), case_id)
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": disposition})


@router.get("/review/cases/{case_id}/letter.pdf")
async def case_letter(case_id: CaseId, request: Request, caller: Reviewer) -> Response:
    """The case's sent letter as a PDF, its points numbered."""
    return await _pdf(request, caller, case_id)


@router.get("/editor/review-letters/{case_id}.pdf")
async def department_letter(case_id: CaseId, request: Request, caller: Editor) -> Response:
    """The letter the department received, printable (review refuses another department's)."""
    return await _pdf(request, caller, case_id)
