"""The catalog as the pages use it: matters and their versions, the to-do list, the linter's
phrase lists, Excel imports, pilots and the basic catalog (the legal basis registry: legal.py)."""

from datetime import date, datetime
from typing import Any

from gateway.clients.base import Answer, Link, Page, kept, read, read_list, segment, send

SERVICE = "catalog"
API = "/api/catalog/v1"


class Department(Answer):
    """An implementing department of the zone."""

    code: str
    name: str


class Window(Answer):
    """A window of the service hall."""

    code: str
    name: str


class MatterSummary(Answer):
    """One matter of a list, with the state of its latest version."""

    implementation_code: str
    name: str
    latest_state: str


class MatterPage(Answer):
    """One page of the matters found."""

    items: list[MatterSummary]
    total: int  # counted up to 10,000
    total_capped: bool = False  # more than `total` match


class VersionSummary(Answer):
    """One version of a matter: its state and when things happened to it."""

    version: int
    state: str
    effective_from: date
    updated_at: datetime
    submitted_at: datetime | None = None
    approved_at: datetime | None = None
    published_at: datetime | None = None
    findings: list[dict[str, Any]] | None = None


class Version(VersionSummary):
    """One version with its standard and the review's feedback (`etag` guards a save)."""

    implementation_code: str = ""
    standard: dict[str, Any]
    feedback: dict[str, Any] | None = None
    etag: str = ""


class Matter(Answer):
    """A matter with a summary of each version, oldest first."""

    implementation_code: str
    name: str
    cancelled: bool
    versions: list[VersionSummary]


class HistoryEntry(Version):
    """A version in a matter's history, with when a later version replaced it."""

    superseded_at: datetime | None = None


class Todo(Answer):
    """What waits for the department: provincial anomalies, legal-basis revisions to make,
    reviews that came back."""

    anomalies: list[Answer] | None = None
    revisions: list[Answer] | None = None
    returned: list[Answer] | None = None


class PhraseBook(Answer):
    """The linter's phrase rules, each with its phrases (`phrase`, `match_kind`)."""

    rules: list[dict[str, Any]]


class ImportJob(Answer):
    """An Excel import: queued, running, then succeeded or failed."""

    id: int
    state: str
    result: dict[str, Any] | None = None


class Created(Answer):
    """What a write created (an id, a version number)."""

    id: int | None = None
    version: int | None = None
    findings: list[dict[str, Any]] | None = None
    released: int | None = None


# --- matters and versions ------------------------------------------------------------------

def _matter(code: str) -> str:
    return f"{API}/matters/{segment(code)}"


async def departments(link: Link) -> list[Department]:
    """Every department of the zone (kept a minute: it rarely changes)."""
    return await kept(link, "catalog.departments",
                      lambda: read_list(link, Department, SERVICE, f"{API}/departments"))


async def windows(link: Link) -> list[Window]:
    """The windows of the service hall (kept a minute)."""
    return await kept(link, "catalog.windows",
                      lambda: read_list(link, Window, SERVICE, f"{API}/windows"))


async def matters(link: Link, **filters: Any) -> MatterPage:
    """The matters the visitor may see: `q`, `state`, `matter_type`, `window`, `page`, `size`."""
    return await read(link, MatterPage, SERVICE, f"{API}/matters",
                      params={k: v for k, v in filters.items() if v})


async def matter(link: Link, code: str) -> Matter:
    """One matter with a summary of each of its versions."""
    return await read(link, Matter, SERVICE, _matter(code))


async def history(link: Link, code: str) -> list[HistoryEntry]:
    """Every version of a matter in full, oldest first, with when each was replaced."""
    return await read_list(link, HistoryEntry, SERVICE, f"{_matter(code)}/versions")


async def version(link: Link, code: str, number: int) -> Version:
    """One version, with the ETag that guards saving it."""
    answer = await send(link, SERVICE, "GET", f"{_matter(code)}/versions/{number}")
    return Version.model_validate({**answer.json(), "etag": answer.headers.get("etag", "")})


async def create_matter(link: Link, standard: dict[str, Any]) -> Created:
    """Draft a new matter (version 1) from a standard."""
    return await read(link, Created, SERVICE, f"{API}/matters", method="POST", json=standard)


async def save_version(link: Link, code: str, number: int, standard: dict[str, Any],
                       etag: str) -> Created:
    """Replace a draft's standard, if nobody changed it since `etag`."""
    return await read(link, Created, SERVICE, f"{_matter(code)}/versions/{number}",
                      method="PUT", json=standard, headers={"If-Match": etag})


async def act(link: Link, code: str, action: str) -> None:
    """One action on a matter: `versions` (a new draft), `versions/2/submit`, `…/publish`,
    `versions/2/cancel`."""
    await send(link, SERVICE, "POST", f"{_matter(code)}/{action}")


async def diff(link: Link, code: str, start: int, end: int) -> dict[str, Any]:
    """What changed from version `start` to version `end`, element by element."""
    answer = await send(link, SERVICE, "GET", f"{_matter(code)}/diff",
                        params={"from": start, "to": end})
    return answer.json()  # type: ignore[no-any-return]  # a JSON object


async def reform_metrics(link: Link, since: date) -> dict[str, Any]:
    """What standardization changed since a date, for the zone and each department."""
    answer = await send(link, SERVICE, "GET", f"{API}/reform-metrics",
                        params={"since": since.isoformat()})
    return answer.json()  # type: ignore[no-any-return]  # a JSON object


# --- the department's to-do list ----------------------------------------------------------

async def todo(link: Link) -> Todo:
    """Open provincial anomalies, legal-basis revisions and returned reviews."""
    return await read(link, Todo, SERVICE, f"{API}/todo")


async def resolve_anomaly(link: Link, anomaly_id: str, answer: str) -> None:
    """Close a provincial anomaly with the department's answer."""
    await send(link, SERVICE, "POST", f"{API}/anomalies/{segment(anomaly_id)}/resolve",
               json={"answer": answer})


async def resolve_revision(link: Link, task_id: int, answer: str) -> None:
    """Close a legal-basis revision task with a written answer."""
    await send(link, SERVICE, "POST", f"{API}/legal/revision-tasks/{task_id}/resolve",
               json={"answer": answer})


# --- the linter's phrase lists, Excel, pilots and the basic catalog -----------------------

async def phrase_lists(link: Link) -> PhraseBook:
    """The phrase lists of the linter's catch-all and vague clause rules."""
    return await read(link, PhraseBook, SERVICE, f"{API}/lint/phrases")


async def lint(link: Link, standard: dict[str, Any]) -> list[dict[str, Any]]:
    """The linter's findings (`rule`, `severity`, `path`, `message`) on a standard; a dry run."""
    answer = await send(link, SERVICE, "POST", f"{API}/lint", json=standard)
    return answer.json()["findings"]  # type: ignore[no-any-return]  # a JSON list


async def save_phrase_list(link: Link, rule: str, phrases: list[dict[str, str]]) -> None:
    """Replace one rule's phrases."""
    await send(link, SERVICE, "PUT", f"{API}/lint/phrases",
               json={"rule": rule, "phrases": phrases})


async def imports(link: Link) -> list[ImportJob]:
    """The latest Excel imports."""
    return await read_list(link, ImportJob, SERVICE, f"{API}/excel/imports")


async def import_job(link: Link, job_id: int) -> ImportJob:
    """One Excel import and how far it got."""
    return await read(link, ImportJob, SERVICE, f"{API}/excel/imports/{job_id}")


async def start_import(link: Link, filename: str, content: bytes, content_type: str,
                       ) -> ImportJob:
    """Queue a workbook for import."""
    return await read(link, ImportJob, SERVICE, f"{API}/excel/imports", method="POST",
                      files={"file": (filename, content, content_type)})


async def pilots(link: Link) -> Answer:
    """Which departments are pilots, and whether the rollout is on."""
    return await read(link, Answer, SERVICE, f"{API}/pilots")


async def save_pilots(link: Link, *, rollout: bool, pilots: list[str]) -> Created:
    """Save the pilot marks and the rollout switch (`released`: publications re-announced)."""
    return await read(link, Created, SERVICE, f"{API}/pilots", method="PUT",
                      json={"rollout": rollout, "pilots": pilots})


async def base_catalog(link: Link, *, q: str, page: int, size: int) -> Page:
    """One page of the basic catalog the province pushed."""
    return await read(link, Page, SERVICE, f"{API}/base-catalog",
                      params={"q": q, "page": page, "size": size})


async def derive(link: Link, basic_code: str, body: dict[str, str]) -> None:
    """Create a draft local matter from a basic catalog entry."""
    await send(link, SERVICE, "POST", f"{API}/base-catalog/{segment(basic_code)}/derive",
               json=body)

