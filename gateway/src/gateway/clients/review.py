"""Review as the pages use it: the group's cases, one case, opinions and the feedback letter;
joint sign-offs of applications (并联审批)."""

from datetime import date, datetime
from typing import Any

from gateway.clients.base import Answer, Link, kept, read, read_list, send

SERVICE = "review"
API = "/api/review/v1"


class Group(Answer):
    """A review group and the windows it reviews."""

    code: str
    name: str


class Case(Answer):
    """A review case: one submitted version of a matter, its opinions and feedback."""

    id: int
    state: str
    group: str
    standard: dict[str, Any] = {}


async def groups(link: Link) -> list[Group]:
    """Every review group (kept a minute: they rarely change)."""
    return await kept(link, "review.groups",
                      lambda: read_list(link, Group, SERVICE, f"{API}/groups"))


async def cases(link: Link, state: str) -> list[Case]:
    """The group's cases in `state` (open or closed)."""
    return await read_list(link, Case, SERVICE, f"{API}/cases", params={"state": state})


async def case(link: Link, case_id: int) -> Case:
    """One case with the standard under review."""
    return await read(link, Case, SERVICE, f"{API}/cases/{case_id}")


async def add_opinion(link: Link, case_id: int, opinion: dict[str, str]) -> None:
    """Record a reviewer's opinion on one element."""
    await send(link, SERVICE, "POST", f"{API}/cases/{case_id}/opinions", json=opinion)


async def issue_feedback(link: Link, case_id: int, feedback: dict[str, str]) -> None:
    """The lead closes the case with one consolidated feedback letter."""
    await send(link, SERVICE, "POST", f"{API}/cases/{case_id}/feedback", json=feedback)


class SignOffPart(Answer):
    """One co-handling department's part of a sign-off: step, deadline, answer."""

    department_code: str
    department_name: str
    step: str | None = None
    deadline: date | None = None
    state: str
    remark: str | None = None
    answered_by_name: str | None = None
    answered_at: datetime | None = None
    late: bool = False
    escalated: bool = False


class SignOff(Answer):
    """The joint sign-off of one accepted application, with every department's part."""

    id: int
    application_id: int
    case_number: str
    matter_name: str
    lead_code: str
    lead_name: str
    accepted_on: date
    due_date: date | None = None
    state: str
    overdue: bool = False
    departments: list[SignOffPart] = []


async def sign_offs(link: Link) -> list[SignOff]:
    """The sign-offs the caller's department co-handles or leads (all for supervisors)."""
    return await read_list(link, SignOff, SERVICE, f"{API}/signoffs")


async def sign_off(link: Link, sign_off_id: int) -> SignOff:
    """One sign-off with every department's part."""
    return await read(link, SignOff, SERVICE, f"{API}/signoffs/{sign_off_id}")


async def answer_sign_off(link: Link, sign_off_id: int, answer: dict[str, str]) -> None:
    """The caller's department answers its part."""
    await send(link, SERVICE, "POST", f"{API}/signoffs/{sign_off_id}/answer", json=answer)
