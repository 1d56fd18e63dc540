"""The letter's API under /api/review/v1: its consolidation, the lead's rulings on conflicts, the
printable PDF of a sent letter, and the review metrics."""

from fastapi import APIRouter, Response

from kit.app import SessionDep
from kit.auth import Principal, require
from review import metrics, rulings
from review.letter_schemas import ConsolidationPublic, ReviewMetrics, RulingCreate, RulingPublic
from review.routes import READERS, CaseId

router = APIRouter(prefix="/api/review/v1", tags=["review letter"])


@router.get("/cases/{case_id}/consolidation")
def consolidation(case_id: CaseId, session: SessionDep,
                  principal: Principal = require(*READERS)) -> ConsolidationPublic:
    """The letter as it would be sent now: numbered points (duplicates merged) and the
    conflicts among opinions; the letter cannot be sent while one is open."""
    return rulings.preview(session=session, principal=principal, case_id=case_id)


@router.post("/cases/{case_id}/conflicts", status_code=201)
def resolve_conflict(case_id: CaseId, ruling: RulingCreate, session: SessionDep,
                     principal: Principal = require("lead")) -> RulingPublic:
    """The lead rules on contradicting opinions about one element: which one stands."""
    return rulings.resolve(session=session, principal=principal, case_id=case_id, ruling=ruling)


@router.get("/cases/{case_id}/letter.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def letter_pdf(case_id: CaseId, session: SessionDep,
               principal: Principal = require(*READERS, "editor")) -> Response:
    """The sent letter, printable, its points numbered (the department's editors read theirs)."""
    name, pdf = rulings.letter_pdf(session=session, principal=principal, case_id=case_id)
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}"'})


@router.get("/metrics")
def review_metrics(session: SessionDep,
                   principal: Principal = require(*READERS)) -> ReviewMetrics:
    """Rounds per matter, and the share approved after one return (no second revision)."""
    return metrics.review_metrics(session=session, principal=principal)
