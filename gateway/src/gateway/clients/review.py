"""Review as the pages use it: the group's cases, one case, opinions and the feedback letter."""

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
