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


async def flowchart(link: Link, code: str) -> str | None:
    """The guide's flowchart (SVG drawn by publish from the steps), or None when not drawn."""
    if not 0 < len(code) <= 50 or CONTROL.search(code) or code in (".", ".."):
        return None
    try:
        answer = await send(link, SERVICE, "GET", f"{API}/guides/{segment(code)}/flowchart.svg")
    except ServiceError:
        return None  # the guide still reads without its chart
    return answer.text if answer.text.startswith("<svg") else None


async def handbook(link: Link, code: str) -> bytes:
    """The matter's business handbook (业务手册) PDF, for staff."""
    if not 0 < len(code) <= 50 or CONTROL.search(code) or code in (".", ".."):
        raise ServiceError(404, f"No guide for {code!r}.")
    return (await send(link, SERVICE, "GET", f"{API}/guides/{segment(code)}/handbook.pdf")).content


async def statistics(link: Link) -> Answer:
    """The published totals (matters, online share)."""
    return await read(link, Answer, SERVICE, f"{API}/statistics")


HALL_MATTERS = 100  # the zone's published matters fit one page


async def hall_matters(link: Link, *, q: str) -> Page:
    """The published matters (named like `q`) with their windows, for the hall's page."""
    return await read(link, Page, SERVICE, f"{API}/power-list",
                      params={"q": q, "page": 1, "size": HALL_MATTERS})
