"""Publish's supervision of standardization as the pages use it: progress per department, the
督办 notices, the review's workload, the leaders' departments and the progress reports."""


from gateway.clients.base import Answer, Link, read, segment, send

SERVICE = "publish"
API = "/api/publish/v1"

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
