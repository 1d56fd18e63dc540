"""The review's preliminary check (初审) as the pages use it: the cases awaiting it, one case with
its check and history, and the guidance group's result."""

from datetime import datetime
from typing import Any

from gateway.clients.base import Answer, Link, read, read_list, send
from gateway.clients.review import Case

SERVICE = "review"
API = "/api/review/v1/preliminary"


class Check(Answer):
    """A recorded preliminary check: passed to the joint review, or returned with reasons."""

    result: str
    reasons: str
    checker_name: str
    checked_at: datetime


class CheckedCase(Case):
    """A line of the guidance group's list: a case, and its check once made."""

    check: Check | None = None


class HistoryStep(Answer):
    """One audited step of a case."""

    at: datetime
    actor: str
    actor_name: str = ""
    action: str
    after: Any = None


class View(Answer):
    """A case with its preliminary check and history."""

    case: Case
    check: Check | None = None
    history: list[HistoryStep] = []


async def cases(link: Link, *, checked: bool) -> list[CheckedCase]:
    """Cases awaiting the check (oldest first), or the latest checked ones."""
    return await read_list(link, CheckedCase, SERVICE, f"{API}/cases",
                           params={"checked": "true" if checked else "false"})


async def view(link: Link, case_id: int) -> View:
    """One case with its check and history."""
    return await read(link, View, SERVICE, f"{API}/cases/{case_id}")


async def check(link: Link, case_id: int, result: dict[str, str]) -> None:
    """Pass the case to its group, or return it to the department with the reasons."""
    await send(link, SERVICE, "POST", f"{API}/cases/{case_id}/check", json=result)
