"""The sign-off API under /api/review/v1/signoffs: co-handling departments answer, the lead
department and supervisors read."""

from typing import Annotated

from fastapi import APIRouter, Path

from kit.app import SessionDep
from kit.auth import Principal, require
from review.signoffs import service
from review.signoffs.schemas import AnswerIn, SignOffPublic, SignOffState

router = APIRouter(prefix="/api/review/v1", tags=["joint sign-off"])
READERS = ("approver", "supervisor")
SignOffId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/signoffs")
def list_sign_offs(session: SessionDep, state: SignOffState | None = None,
                   principal: Principal = require(*READERS)) -> list[SignOffPublic]:
    """Sign-offs the caller's department co-handles or leads (all for supervisors), each with
    every department's step, deadline and answer."""
    return service.list_sign_offs(session=session, principal=principal, state=state)


@router.get("/signoffs/{sign_off_id}")
def get_sign_off(sign_off_id: SignOffId, session: SessionDep,
                 principal: Principal = require(*READERS)) -> SignOffPublic:
    """One sign-off with every department's part."""
    return service.get_sign_off(session=session, principal=principal, sign_off_id=sign_off_id)


@router.post("/signoffs/{sign_off_id}/answer")
def answer(sign_off_id: SignOffId, given: AnswerIn, session: SessionDep,
           principal: Principal = require("approver")) -> SignOffPublic:
    """The caller's department answers its part: agree, agree with conditions, or refuse with
    reasons (once)."""
    return service.answer(session=session, principal=principal, sign_off_id=sign_off_id,
                          given=given)
