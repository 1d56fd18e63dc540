"""Difficult questions: raise, list, answer, and search the answered ones (the knowledge base).

A department's editors see their department's questions in every state; the working group
(the technical guidance group, and administrators) sees and answers all of them; everyone who
compiles or reviews standards reads and searches the answered ones. Functions only flush.
"""

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_today, now
from kit.errors import Forbidden, Invalid, NotFound
from review.models import Question, audit
from review.questions.schemas import AnswerCreate, QuestionCreate, QuestionPublic, QuestionState

ANSWERERS = ("guidance", "admin")  # the working group of the standardization
SEARCH_TERMS = 5  # words of a search, all of which must appear
SEARCH_RESULTS = 100


def display_name(principal: Principal) -> str:
    """Who raised or answered, as pages show it."""
    return principal.name or principal.sub


def raise_question(*, session: Session, principal: Principal,
                   question: QuestionCreate) -> QuestionPublic:
    """A department's editor raises a question for the working group."""
    if not principal.department:
        raise Forbidden("Only a department's editor raises a difficult question.")
    row = Question(department_code=principal.department, title=question.title,
                   question=question.question,
                   implementation_code=question.implementation_code or None,
                   element=question.element or None, state="open", raised_by=principal.sub,
                   raised_by_name=display_name(principal), raised_at=now())
    session.add(row)
    session.flush()
    audit_trail.record(session, audit, actor=principal.sub, action="question.raised",
                       entity="question", entity_id=str(row.id),
                       after=question.model_dump() | {"department": row.department_code})
    return _public(row)


def list_questions(*, session: Session, principal: Principal,
                   state: QuestionState | None = None) -> list[QuestionPublic]:
    """The working group: every question (open ones oldest first, to answer in turn); a
    department: its own, newest first."""
    query = select(Question)
    if state is not None:
        query = query.where(col(Question.state) == state)
    if principal.has(*ANSWERERS, "supervisor"):
        query = query.order_by(col(Question.state).desc(), col(Question.raised_at),
                               col(Question.id))
    else:
        query = query.where(col(Question.department_code) == (principal.department or "-"))
        query = query.order_by(col(Question.raised_at).desc(), col(Question.id).desc())
    return [_public(row) for row in session.scalars(query).all()]


def get_question(*, session: Session, principal: Principal, question_id: int) -> QuestionPublic:
    """One question: answered ones are everyone's; an open one its department's and the
    working group's (404 to others)."""
    return _public(_visible(session, principal, question_id))


def answer(*, session: Session, principal: Principal, question_id: int,
           answer: AnswerCreate) -> QuestionPublic:
    """The working group answers (or amends its answer); the question joins the knowledge base."""
    row = session.get(Question, question_id, with_for_update=True)
    if row is None:
        raise NotFound(f"Question {question_id} was not found.")
    if answer.meeting_date is not None and answer.meeting_date > china_today():
        raise Invalid("The weekly meeting that answered cannot be in the future.")
    before = _answer_facts(row)
    row.state, row.answer, row.meeting_date = "answered", answer.answer, answer.meeting_date
    row.answered_by, row.answered_by_name = principal.sub, display_name(principal)
    row.answered_at = now()
    session.flush()
    audit_trail.record(session, audit, actor=principal.sub,
                       action="question.answered" if before["state"] == "open"
                       else "question.amended",
                       entity="question", entity_id=str(question_id), before=before,
                       after=_answer_facts(row))
    return _public(row)


def search(*, session: Session, words: str) -> list[QuestionPublic]:
    """Answered questions holding every word of `words` (in the title, question, answer or
    matter code), latest answers first; all answered ones when `words` is blank."""
    query = select(Question).where(col(Question.state) == "answered")
    for term in words.split()[:SEARCH_TERMS]:
        pattern = "%" + _escaped(term.lower()) + "%"
        query = query.where(or_(*(func.lower(column).like(pattern, escape="\\") for column in (
            col(Question.title), col(Question.question), col(Question.answer),
            col(Question.implementation_code)))))
    query = query.order_by(col(Question.answered_at).desc(), col(Question.id).desc())
    return [_public(row) for row in session.scalars(query.limit(SEARCH_RESULTS)).all()]


def _escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _visible(session: Session, principal: Principal, question_id: int) -> Question:
    row = session.get(Question, question_id)
    if row is None or not (row.state == "answered" or principal.has(*ANSWERERS, "supervisor")
                           or row.department_code == principal.department):
        raise NotFound(f"Question {question_id} was not found.")
    return row


def _answer_facts(row: Question) -> dict[str, Any]:
    return {"state": row.state, "answer": row.answer,
            "meeting_date": row.meeting_date.isoformat() if row.meeting_date else None}


def _public(row: Question) -> QuestionPublic:
    return QuestionPublic.model_validate(row, from_attributes=True)
