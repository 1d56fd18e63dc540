"""Difficult questions (疑难问题): a department raises them and follows their state, the working
group answers them (at its weekly meeting or at once), and everyone searches the answers."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import publish, questions
from gateway.clients.base import ServiceError
from gateway.page import (
    KnowledgeReader,
    QuestionAnswerer,
    QuestionRaiser,
    link,
    refusal,
    render,
    translate,
)
from kit.clock import china_today
from kit.types import NO_NUL

router = APIRouter(include_in_schema=False)
QuestionId = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def _department_names(request: Request, caller: Caller) -> dict[str, str]:
    """Department names by code (those of the power list, which every role reads)."""
    departments = await publish.departments(link(request, caller))
    return {str(getattr(d, "code", "")): str(getattr(d, "name", "")) for d in departments}


async def _mine(request: Request, caller: Caller, *, status: int = 200,
                typed: dict[str, str] | None = None, error: str | None = None,
                message: str | None = None) -> Response:
    mine = await questions.questions(link(request, caller))
    names = await _department_names(request, caller)
    return render(request, "questions_mine.html", caller, status=status, questions=mine,
                  names=names, typed=typed or {}, error=error, message=message)


@router.get("/questions")
async def mine(request: Request, caller: QuestionRaiser) -> Response:
    """The department's questions with their state, and the form to raise one."""
    return await _mine(request, caller)


@router.post("/questions")
async def raise_question(request: Request, caller: QuestionRaiser,
                         title: Annotated[str, Form(max_length=200)] = "",
                         question: Annotated[str, Form(max_length=4000)] = "",
                         implementation_code: Annotated[str, Form(max_length=50)] = "",
                         element: Annotated[str, Form(max_length=200)] = "") -> Response:
    """Raise a question for the working group; the list again with it."""
    _ = translate(request)
    typed = {"title": title, "question": question,
             "implementation_code": implementation_code, "element": element}
    if not title.strip() or not question.strip():
        return await _mine(request, caller, status=422, typed=typed,
                           error=_("请填写问题标题和问题内容。"))
    body: dict[str, Any] = {k: v.strip() or None for k, v in typed.items()}
    try:
        await questions.raise_question(link(request, caller), body)
    except ServiceError as refused:
        return await _mine(request, caller, status=refused.status, typed=typed,
                           error=refusal(request, refused))
    if not htmx.is_htmx(request):
        return RedirectResponse("/questions", status_code=303)
    return await _mine(request, caller, message=_("问题已提交，技术指导组答复后会显示在这里。"))


@router.get("/questions/queue")
async def queue(request: Request, caller: QuestionAnswerer) -> Response:
    """The working group's questions: open ones to answer (oldest first), then answered."""
    every, names = (await questions.questions(link(request, caller)),
                    await _department_names(request, caller))
    return render(request, "questions_queue.html", caller,
                  open_questions=[q for q in every if q.state == "open"],
                  answered=[q for q in every if q.state == "answered"], names=names)


async def _question_page(request: Request, caller: Caller, question_id: int, *,
                         status: int = 200, typed: dict[str, str] | None = None,
                         error: str | None = None, message: str | None = None) -> Response:
    found = await questions.question(link(request, caller), question_id)
    names = await _department_names(request, caller)
    return render(request, "question.html", caller, status=status, question=found,
                  names=names, may_answer=caller.principal.has("guidance", "admin"),
                  typed=typed or {"answer": found.answer or "", "when": (
                      "meeting" if found.meeting_date else "now"),
                      "meeting_date": found.meeting_date.isoformat()
                      if found.meeting_date else ""},
                  today=china_today().isoformat(), error=error, message=message)


@router.get("/questions/{question_id}")
async def question_page(question_id: QuestionId, request: Request,
                        caller: KnowledgeReader) -> Response:
    """One question with its answer; the working group's answer form."""
    return await _question_page(request, caller, question_id)


@router.post("/questions/{question_id}/answer")
async def answer(question_id: QuestionId, request: Request, caller: QuestionAnswerer,
                 answer: Annotated[str, Form(max_length=4000)] = "",
                 when: Annotated[str, Form(max_length=10)] = "now",
                 meeting_date: Annotated[str, Form(max_length=10)] = "") -> Response:
    """Answer at once, or as the weekly meeting of `meeting_date` decided."""
    _ = translate(request)
    typed = {"answer": answer, "when": when, "meeting_date": meeting_date}
    meeting = _day(meeting_date) if when == "meeting" else None
    if not answer.strip():
        error = _("请填写答复内容。")
    elif when == "meeting" and meeting is None:
        error = _("请填写作出答复的周例会日期。")
    else:
        error = None
    if error:
        return await _question_page(request, caller, question_id, status=422, typed=typed,
                                    error=error)
    body = {"answer": answer, "meeting_date": meeting.isoformat() if meeting else None}
    try:
        await questions.answer(link(request, caller), question_id, body)
    except ServiceError as refused:
        return await _question_page(request, caller, question_id, status=refused.status,
                                    typed=typed, error=refusal(request, refused))
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/questions/{question_id}", status_code=303)
    return await _question_page(request, caller, question_id,
                                message=_("答复已发布到疑难问题知识库。"))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


@router.get("/knowledge")
async def knowledge(request: Request, caller: KnowledgeReader,
                    q: Annotated[str, Query(max_length=100, pattern=NO_NUL)] = "") -> Response:
    """The knowledge base: answered questions, searched by words."""
    found = await questions.search(link(request, caller), q)
    names = await _department_names(request, caller)
    return render(request, "knowledge.html", caller, results=found, words=q, names=names)
