"""Review as the pages use it: the group's cases, one case, opinions and the feedback letter;
who reviews which part, my cases, the group's board and a case's history; joint sign-offs of
applications (并联审批)."""

from datetime import date, datetime
from typing import Any

from gateway.clients.base import Answer, Link, kept, read, read_list, segment, send

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


# --- review by persons: reviewers, parts of a case, my cases, the board, a case's history ----

class Deadline(Answer):
    """When a round is due; `status` on_time, due_soon or late."""

    due_on: date
    days_left: int
    overdue_days: int
    status: str
    provisional: bool = False


class Part(Answer):
    """A part (element area) of a case and its reviewer, if assigned."""

    area: str
    reviewer: str | None = None
    reviewer_name: str | None = None
    rule: str | None = None


class CaseRound(Answer):
    """Who reviews which part of a case, and the round's deadline."""

    deadline: Deadline | None = None
    parts: list[Part] = []


class Reviewer(Answer):
    """A reviewer of a group and their unit."""

    username: str
    display_name: str
    unit: str | None = None
    is_lead: bool = False


class GroupMember(Reviewer):
    """A reviewer with their group, and whether their account is active."""

    group: str | None = None
    active: bool = True


class MyCase(Answer):
    """An open case with parts assigned to the caller."""

    id: int
    name: str
    areas: list[str]
    deadline: Deadline | None = None


class BoardMember(Reviewer):
    """A member of the group with their open load."""

    open_parts: int
    late_parts: int


class BoardCase(Answer):
    """An open case of the group with its parts."""

    id: int
    name: str
    deadline: Deadline | None = None
    parts: list[Part] = []


class Board(Answer):
    """The group's board."""

    group: str
    name: str
    members: list[BoardMember]
    cases: list[BoardCase]
    unassigned_parts: int
    late_cases: int


class AreaRule(Answer):
    """A standing rule of the group: an element area goes to a reviewer."""

    area: str
    reviewer: str


class CaseEvent(Answer):
    """One entry of a case's history."""

    at: datetime
    actor: str
    actor_name: str
    action: str
    before: Any = None
    after: Any = None


async def reviewers(link: Link) -> list[GroupMember]:
    """Every reviewer by group, leads first (administrators and supervisors)."""
    return await read_list(link, GroupMember, SERVICE, f"{API}/reviewers")


async def case_round(link: Link, case_id: int) -> CaseRound:
    """The parts of a case with their reviewers, and the round's deadline."""
    return await read(link, CaseRound, SERVICE, f"{API}/cases/{case_id}/assignments")


async def case_history(link: Link, case_id: int) -> list[CaseEvent]:
    """What happened to a case, oldest first."""
    return await read_list(link, CaseEvent, SERVICE, f"{API}/cases/{case_id}/history")


async def my_cases(link: Link) -> list[MyCase]:
    """The caller's open cases with their deadlines."""
    return await read_list(link, MyCase, SERVICE, f"{API}/my/cases")


async def board(link: Link, group: str) -> Board:
    """The group's board: who has what, what is unassigned, what is late."""
    return await read(link, Board, SERVICE, f"{API}/groups/{segment(group)}/board")


async def area_rules(link: Link, group: str) -> list[AreaRule]:
    """The group's standing area rules."""
    return await read_list(link, AreaRule, SERVICE, f"{API}/groups/{segment(group)}/area-rules")


async def assign(link: Link, case_id: int, parts: dict[str, str | None]) -> None:
    """The lead assigns or reassigns parts (area → username; None takes a part back)."""
    await send(link, SERVICE, "PUT", f"{API}/cases/{case_id}/assignments", json={"parts": parts})


async def apply_rule(link: Link, case_id: int, rule: str) -> None:
    """The lead fills a case's unassigned parts by `rule` (area or least_load)."""
    await send(link, SERVICE, "POST", f"{API}/cases/{case_id}/assignments/rule",
               json={"rule": rule})


async def set_area_rules(link: Link, group: str, rules: dict[str, str | None]) -> None:
    """The lead sets the group's standing area rules (None removes one)."""
    await send(link, SERVICE, "PUT", f"{API}/groups/{segment(group)}/area-rules",
               json={"rules": rules})
async def consolidation(link: Link, case_id: int) -> dict[str, Any]:
    """The letter as it would be sent now: numbered points and the conflicts to resolve."""
    answer = await send(link, SERVICE, "GET", f"{API}/cases/{case_id}/consolidation")
    return answer.json()  # type: ignore[no-any-return]  # a JSON object


async def resolve_conflict(link: Link, case_id: int, ruling: dict[str, Any]) -> None:
    """The lead's ruling on contradicting opinions about one element."""
    await send(link, SERVICE, "POST", f"{API}/cases/{case_id}/conflicts", json=ruling)


async def letter_pdf(link: Link, case_id: int) -> tuple[bytes, str]:
    """The sent letter as a PDF, and its Content-Disposition."""
    answer = await send(link, SERVICE, "GET", f"{API}/cases/{case_id}/letter.pdf")
    return answer.content, answer.headers.get("content-disposition", "inline")


async def metrics(link: Link) -> dict[str, Any]:
    """Rounds per matter and the share approved after one return."""
    answer = await send(link, SERVICE, "GET", f"{API}/metrics")
    return answer.json()  # type: ignore[no-any-return]  # a JSON object
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
