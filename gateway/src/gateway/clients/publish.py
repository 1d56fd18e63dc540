"""Publish as the pages use it: the three lists, their departments, guides and the totals."""

import re
from urllib.parse import urlencode

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


LISTS = ("power-list", "responsibility-list", "process-list")


async def listing(link: Link, name: str, *, filters: dict[str, str], page: int,
                  size: int) -> Page:
    """One page of a public list (`name` one of LISTS) with the date it last changed."""
    return await read(link, Page, SERVICE, f"{API}/{name}",
                      params={**filters, "page": page, "size": size})


def download(name: str, file_format: str, filters: dict[str, str]) -> str:
    """Where a visitor downloads the whole filtered list (the API, through the gateway)."""
    asked = {"format": file_format, **{k: v for k, v in filters.items() if v}}
    return f"{API}/{name}/download?{urlencode(asked)}"


OPEN_DATA = f"{API}/open-data/catalog.jsonld"  # the whole catalog as CPSV-AP JSON-LD


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


async def public_statistics(link: Link, *, since: str) -> Answer:
    """The public statistics page's figures: matters, handling times, ratings, reform metrics
    since `since` (a 422 when it is later than today)."""
    return await read(link, Answer, SERVICE, f"{API}/statistics/public",
                      params={"since": since} if since else {})


# --- search and its synonyms ------------------------------------------------------------------

class SearchAnswer(Answer):
    """Matters answering a query, best first, and what the visitor may have meant."""

    items: list[Answer]
    total: int
    did_you_mean: list[str]


async def search(link: Link, *, q: str, page: int, size: int) -> SearchAnswer:
    """One page of the matters answering `q`, most relevant first."""
    return await read(link, SearchAnswer, SERVICE, f"{API}/search",
                      params={"q": q, "page": page, "size": size})


class Synonyms(Answer):
    """The synonyms search widens a visitor's words with."""

    items: list[Answer]


async def synonyms(link: Link) -> list[Answer]:
    """Every synonym (`id`, `term`, `targets`), by term."""
    return (await read(link, Synonyms, SERVICE, f"{API}/search/synonyms")).items


async def save_synonym(link: Link, synonym_id: int | None, term: str,
                       targets: list[str]) -> None:
    """Add a synonym (no id) or change one."""
    body = {"term": term, "targets": targets}
    if synonym_id is None:
        await send(link, SERVICE, "POST", f"{API}/search/synonyms", json=body)
    else:
        await send(link, SERVICE, "PUT", f"{API}/search/synonyms/{synonym_id}", json=body)


async def delete_synonym(link: Link, synonym_id: int) -> None:
    """Delete a synonym."""
    await send(link, SERVICE, "DELETE", f"{API}/search/synonyms/{synonym_id}")
