"""Difficult questions and their knowledge base under /api/review/v1."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from kit.app import SessionDep
from kit.auth import Principal, require
from kit.types import NO_NUL
from review.questions import service
from review.questions.schemas import AnswerCreate, QuestionCreate, QuestionPublic, QuestionState

router = APIRouter(prefix="/api/review/v1", tags=["difficult questions"])
DEPARTMENT = ("editor", "approver")
# Everyone who compiles, reviews or oversees standards reads the knowledge base.
READERS = (*DEPARTMENT, "publisher", "reviewer", "lead", *service.ANSWERERS, "supervisor")
QuestionId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.post("/questions", status_code=201)
def raise_question(question: QuestionCreate, session: SessionDep,
                   principal: Principal = require("editor")) -> QuestionPublic:
    """A department's editor raises a difficult question (疑难问题) for the working group."""
    return service.raise_question(session=session, principal=principal, question=question)


@router.get("/questions")
def list_questions(session: SessionDep, state: QuestionState | None = None,
                   principal: Principal = require(*DEPARTMENT, *service.ANSWERERS,
                                                  "supervisor")) -> list[QuestionPublic]:
    """The department's own questions with their state; the working group's every question."""
    return service.list_questions(session=session, principal=principal, state=state)


@router.get("/questions/{question_id}")
def get_question(question_id: QuestionId, session: SessionDep,
                 principal: Principal = require(*READERS)) -> QuestionPublic:
    """One question (an open one only to its department and the working group)."""
    return service.get_question(session=session, principal=principal, question_id=question_id)


@router.post("/questions/{question_id}/answer")
def answer_question(question_id: QuestionId, answer: AnswerCreate, session: SessionDep,
                    principal: Principal = require(*service.ANSWERERS)) -> QuestionPublic:
    """The working group answers, at its weekly meeting (`meeting_date`) or at once."""
    return service.answer(session=session, principal=principal, question_id=question_id,
                          answer=answer)


@router.get("/knowledge")
def search_knowledge(session: SessionDep,
                     q: Annotated[str, Query(max_length=100, pattern=NO_NUL)] = "",
                     _: Principal = require(*READERS)) -> list[QuestionPublic]:
    """The knowledge base: answered questions holding every word of `q`, latest first."""
    return service.search(session=session, words=q)
