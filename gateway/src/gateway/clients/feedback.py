"""Intake's ratings (好差评), rectifications (整改), complaints (监督投诉) and departments'
timeliness, as the pages use them (split from clients.intake by topic)."""

from datetime import date, datetime
from typing import Any

from gateway.clients.base import Answer, Link, ServiceError, read, read_list, segment

SERVICE = "intake"
API = "/api/intake/v1"


class Rectification(Answer):
    """A rectification a 差评 opened: the call-back, the outcome, late or not."""

    id: int
    application_id: int | None = None
    case_number: str | None = None
    matter_name: str | None = None
    department_name: str | None = None
    score: int
    tags: list[str]
    comment: str | None = None
    state: str
    opened_at: datetime
    due_date: date
    late: bool
    callback_at: datetime | None = None
    callback_by: str | None = None
    callback_note: str | None = None
    outcome: str | None = None
    closed_at: datetime | None = None


class Rating(Answer):
    """The rating of a case, and the rectification it opened."""

    score: int
    tags: list[str]
    comment: str | None = None
    rated_at: datetime
    rectification: Rectification | None = None


class Summary(Answer):
    """The ratings of one matter or department."""

    key: str
    name: str
    count: int
    average: float
    bad_share: float
    tags: dict[str, int]


class Step(Answer):
    """One step of a complaint's timeline."""

    kind: str
    at: datetime
    text: str | None = None


class Complaint(Answer):
    """A complaint as its number and code show it."""

    number: str
    subject_kind: str
    subject_ref: str | None = None
    state: str
    filed_at: datetime
    due_date: date
    overdue: bool
    answer: str | None = None
    score: int | None = None
    timeline: list[Step]


class HandledComplaint(Complaint):
    """A complaint as its supervisor sees it (the phone masked)."""

    content: str
    complainant_name: str
    phone: str | None = None
    assigned_to: str | None = None


class Filed(Answer):
    """A complaint's number and the query code to follow it."""

    number: str
    query_code: str
    due_date: date


class Timeliness(Answer):
    """One department's timeliness."""

    department_code: str
    department_name: str
    decided: int
    decided_on_time: int
    on_time_share: float | None = None
    overdue_open: int
    rectifications: int
    rectifications_on_time: int
    rectifications_late: int


async def rating(link: Link, application_id: int) -> Rating | None:
    """The rating of a case, or None while it has none."""
    try:
        return await read(link, Rating, SERVICE, f"{API}/applications/{application_id}/rating")
    except ServiceError as refused:
        if refused.status == 404:
            return None
        raise


async def rate(link: Link, application_id: int, body: dict[str, Any]) -> Rating:
    """Rate a closed case (score, tags, comment), once."""
    return await read(link, Rating, SERVICE, f"{API}/applications/{application_id}/rating",
                      method="POST", json=body)


async def summary(link: Link, by: str) -> list[Summary]:
    """Case ratings per `matter` or `department`, or hall-visit ratings per `window`."""
    return await read_list(link, Summary, SERVICE, f"{API}/ratings/summary", params={"by": by})


async def rectifications(link: Link) -> list[Rectification]:
    """The rectifications the visitor follows, open first."""
    return await read_list(link, Rectification, SERVICE, f"{API}/rectifications")


async def rectify(link: Link, rectification_id: int, step: str,
                  body: dict[str, Any]) -> Rectification:
    """A step of a rectification: `callback` (called_at, note) or `close` (outcome)."""
    return await read(link, Rectification, SERVICE,
                      f"{API}/rectifications/{rectification_id}/{step}", method="POST",
                      json=body)


async def complain(link: Link, body: dict[str, Any]) -> Filed:
    """File a complaint."""
    return await read(link, Filed, SERVICE, f"{API}/complaints", method="POST", json=body)


async def complaint(link: Link, number: str, code: str) -> Complaint:
    """A complaint followed by its number and query code."""
    return await read(link, Complaint, SERVICE, f"{API}/complaints/{segment(number)}",
                      params={"code": code})


async def rate_answer(link: Link, number: str, code: str, score: int) -> Complaint:
    """The complainant's rating of the answer."""
    return await read(link, Complaint, SERVICE, f"{API}/complaints/{segment(number)}/rating",
                      method="POST", json={"code": code, "score": score})


async def queue(link: Link) -> list[HandledComplaint]:
    """The supervisor's complaints, open first."""
    return await read_list(link, HandledComplaint, SERVICE, f"{API}/complaints")


async def handled(link: Link, number: str) -> HandledComplaint:
    """One complaint of the supervisor's queue, with the notes."""
    return await read(link, HandledComplaint, SERVICE,
                      f"{API}/complaints/{segment(number)}/handling")


async def handle(link: Link, number: str, action: str, text: str | None = None
                 ) -> HandledComplaint:
    """One step of handling: `accept`, `notes`, `answer`, `close`."""
    return await read(link, HandledComplaint, SERVICE,
                      f"{API}/complaints/{segment(number)}/{action}", method="POST",
                      json={"text": text} if text is not None else None)


async def timeliness(link: Link) -> list[Timeliness]:
    """Every department's timeliness, the least timely first."""
    return await read_list(link, Timeliness, SERVICE, f"{API}/oversight/timeliness")
