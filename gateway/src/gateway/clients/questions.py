"""Difficult questions (疑难问题) as the pages use them: raise, list, answer, search."""

from datetime import date, datetime
from typing import Any

from gateway.clients.base import Answer, Link, read, read_list, send

SERVICE = "review"
API = "/api/review/v1"


class Question(Answer):
    """A department's question, its state and the working group's answer once given."""

    id: int
    department_code: str
    title: str
    question: str
    implementation_code: str | None = None
    element: str | None = None
    state: str
    raised_by_name: str
    raised_at: datetime
    answer: str | None = None
    meeting_date: date | None = None
    answered_by_name: str | None = None
    answered_at: datetime | None = None


async def questions(link: Link, state: str | None = None) -> list[Question]:
    """The department's own questions; for the working group, every question."""
    return await read_list(link, Question, SERVICE, f"{API}/questions",
                           params={"state": state} if state else {})


async def question(link: Link, question_id: int) -> Question:
    """One question."""
    return await read(link, Question, SERVICE, f"{API}/questions/{question_id}")


async def raise_question(link: Link, body: dict[str, Any]) -> Question:
    """A department's editor raises a question."""
    return await read(link, Question, SERVICE, f"{API}/questions", method="POST", json=body)


async def answer(link: Link, question_id: int, body: dict[str, Any]) -> None:
    """The working group answers (at a weekly meeting, or at once)."""
    await send(link, SERVICE, "POST", f"{API}/questions/{question_id}/answer", json=body)


async def search(link: Link, words: str) -> list[Question]:
    """The knowledge base: answered questions holding every word."""
    return await read_list(link, Question, SERVICE, f"{API}/knowledge", params={"q": words})
