"""Publish as the pages use it: the power list, its departments, guides and the totals."""

import re

from gateway.clients.base import Answer, Link, Page, ServiceError, read, segment, send

SERVICE = "publish"
API = "/api/publish/v1"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Guide(Answer):
    """A published matter's service guide: the contract's matter document (its elements pass
    through to the template as they are)."""

    implementation_code: str
    name: str
    version: int


async def power_list(link: Link, *, q: str, department: str, page: int, size: int) -> Page:
    """One page of the power list, filtered by text and department."""
    return await read(link, Page, SERVICE, f"{API}/power-list",
                      params={"q": q, "department": department, "page": page, "size": size})


class Departments(Answer):
    """The departments of the power list, each with its number of matters."""

    items: list[Answer]


async def departments(link: Link) -> list[Answer]:
    """The departments of the power list, each with its number of matters."""
    return (await read(link, Departments, SERVICE, f"{API}/departments")).items


async def guide(link: Link, code: str) -> Guide:
    """The current service guide of a matter (404 for a code that cannot name one)."""
    if not 0 < len(code) <= 50 or CONTROL.search(code) or code in (".", ".."):
        raise ServiceError(404, f"No guide for {code!r}.")
    return await read(link, Guide, SERVICE, f"{API}/guides/{segment(code)}")


async def statistics(link: Link) -> Answer:
    """The published totals (matters, online share)."""
    return await read(link, Answer, SERVICE, f"{API}/statistics")


HALL_MATTERS = 100  # the zone's published matters fit one page


async def hall_matters(link: Link, *, q: str) -> Page:
    """The published matters (named like `q`) with their windows, for the hall's page."""
    return await read(link, Page, SERVICE, f"{API}/power-list",
                      params={"q": q, "page": 1, "size": HALL_MATTERS})


# --- standardization progress, 督办 notices, the review's workload and reports ---------------

PROGRESS = f"{API}/progress"
REPORTS = f"{API}/reports"


class Items(Answer):
    """A list answer: `items`."""

    items: list[Answer]


def _period(start: str, end: str) -> dict[str, str]:
    return {k: v for k, v in (("start", start), ("end", end)) if v}


async def progress(link: Link, *, start: str = "", end: str = "") -> Answer:
    """Every department's progress for the period, flagged; the caller's departments first."""
    return await read(link, Answer, SERVICE, PROGRESS, params=_period(start, end))


async def progress_settings(link: Link) -> Answer:
    """The zone deadline, the straight line's start, the stall rule and the cadence."""
    return await read(link, Answer, SERVICE, f"{PROGRESS}/settings")


async def save_progress_settings(link: Link, body: dict[str, object]) -> None:
    """Set the deadline, the straight line's start and the stall rule."""
    await send(link, SERVICE, "PUT", f"{PROGRESS}/settings", json=body)


async def save_target(link: Link, department: str, target: int | None) -> None:
    """Set (or with None, drop) a department's target."""
    await send(link, SERVICE, "PUT", f"{PROGRESS}/targets/{segment(department)}",
               json={"target": target})


async def workload(link: Link, *, start: str = "", end: str = "") -> Answer:
    """The review's workload per group and reviewer for the period."""
    return await read(link, Answer, SERVICE, f"{PROGRESS}/workload", params=_period(start, end))


async def notices(link: Link) -> list[Answer]:
    """The 督办 notices the caller may read, newest first."""
    return (await read(link, Items, SERVICE, f"{PROGRESS}/notices")).items


async def notice(link: Link, notice_id: int) -> Answer:
    """One notice with its history."""
    return await read(link, Answer, SERVICE, f"{PROGRESS}/notices/{notice_id}")


async def issue_notice(link: Link, body: dict[str, str]) -> Answer:
    """Issue a 督办 notice to a flagged department."""
    return await read(link, Answer, SERVICE, f"{PROGRESS}/notices", method="POST", json=body)


async def answer_notice(link: Link, notice_id: int, answer: str) -> None:
    """The department's answer to a notice."""
    await send(link, SERVICE, "POST", f"{PROGRESS}/notices/{notice_id}/answer",
               json={"answer": answer})


async def decide_notice(link: Link, notice_id: int, decision: str, reason: str) -> None:
    """Close an answered notice, or send it back with a reason."""
    await send(link, SERVICE, "POST", f"{PROGRESS}/notices/{notice_id}/decision",
               json={"decision": decision, "reason": reason})


async def reports(link: Link) -> Answer:
    """The archived reports and the cadence in force."""
    return await read(link, Answer, SERVICE, REPORTS)


async def report(link: Link, report_id: int) -> Answer:
    """One report, each figure with its change since the report before."""
    return await read(link, Answer, SERVICE, f"{REPORTS}/{report_id}")


async def set_cadence(link: Link, cadence: str) -> None:
    """Switch reports between monthly and weekly."""
    await send(link, SERVICE, "PUT", f"{REPORTS}/cadence", json={"cadence": cadence})


async def generate_report(link: Link) -> Answer:
    """The current period's report so far."""
    return await read(link, Answer, SERVICE, f"{REPORTS}/generate", method="POST")


async def report_file(link: Link, report_id: int, kind: str) -> tuple[bytes, str, str]:
    """A report as `pdf` or `xlsx`: its bytes, media type and Content-Disposition."""
    answer = await send(link, SERVICE, "GET", f"{REPORTS}/{report_id}/{kind}")
    return (answer.content, answer.headers.get("content-type", "application/octet-stream"),
            answer.headers.get("content-disposition", "attachment"))


async def leader_links(link: Link) -> list[Answer]:
    """Each leader with the departments they oversee (领导挂钩)."""
    return (await read(link, Items, SERVICE, f"{PROGRESS}/links")).items


async def link_leader(link: Link, leader: str, name: str, departments: list[str]) -> None:
    """Replace the departments a leader oversees (administrators)."""
    await send(link, SERVICE, "PUT", f"{PROGRESS}/links/{segment(leader)}",
               json={"leader_name": name, "departments": departments})
