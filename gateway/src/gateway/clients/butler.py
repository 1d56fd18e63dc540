"""Intake's mandates (代办授权) and the butler's projects (私人定制), as the pages use them
(split from clients.intake by topic)."""

from datetime import date, datetime
from typing import Any

from gateway.clients.base import Answer, Link, read, read_list

SERVICE = "intake"

MANDATES = "/api/intake/v1/mandates"
PROJECTS = "/api/intake/v1/projects"


class Mandate(Answer):
    """An enterprise's mandate to a butler and where it stands (pending, active, expired,
    revoked)."""

    id: int
    enterprise: str
    enterprise_name: str
    butler: str
    butler_name: str
    all_matters: bool
    matters: list[str]
    expires_on: date
    granted_at: datetime
    accepted_at: datetime | None = None
    revoked_by: str | None = None
    revoked_at: datetime | None = None
    revoke_reason: str | None = None
    status: str


class Filed(Answer):
    """The application filed for a project's matter."""

    id: int
    case_number: str
    state: str
    due_date: date | None = None


class ProjectItem(Answer):
    """One matter of a project's list: what it needs, by which day, where it stands."""

    id: int
    position: int
    implementation_code: str
    matter_name: str
    department_name: str
    committed_limit: int
    limit_unit: str
    materials: list[dict[str, Any]]
    done_by_day: int
    application: Filed | None = None
    state: str
    waiting_on: str | None = None
    next_step: str


class Project(Answer):
    """A project on one page: the enterprise, its butler, the list, the next step."""

    id: int
    enterprise: str
    enterprise_name: str
    name: str
    kind: str
    description: str
    location: str
    butler: str | None = None
    butler_name: str | None = None
    created_at: datetime
    items: list[ProjectItem]
    total_days: int
    waiting_on: str | None = None
    next_step: str


class OpenMatter(Answer):
    """A published matter open for applications."""

    implementation_code: str
    name: str
    committed_limit: int
    limit_unit: str


async def mandates(link: Link) -> list[Mandate]:
    """The mandates the enterprise granted, or the butler was granted."""
    return await read_list(link, Mandate, SERVICE, MANDATES)


async def mandate(link: Link, action: str, body: dict[str, Any],
                  mandate_id: int | None = None) -> Mandate:
    """Grant a mandate (`grant`), or `accept` or `revoke` one."""
    path = MANDATES if action == "grant" else f"{MANDATES}/{mandate_id}/{action}"
    return await read(link, Mandate, SERVICE, path, method="POST", json=body)


async def projects(link: Link) -> list[Project]:
    """The projects the visitor follows (a butler also sees the requests nobody took)."""
    return await read_list(link, Project, SERVICE, PROJECTS)


async def project(link: Link, project_id: int) -> Project:
    """One project with its list of matters and where each stands."""
    return await read(link, Project, SERVICE, f"{PROJECTS}/{project_id}")


async def change_project(link: Link, project_id: int | None, action: str = "",
                         body: dict[str, Any] | None = None, method: str = "POST") -> Project:
    """Request a project (no id), or one step on it: `take`, `assign`, `items` (add, or PUT
    the new order), `items/<id>` (DELETE)."""
    path = f"{PROJECTS}/{project_id}/{action}" if project_id else PROJECTS
    return await read(link, Project, SERVICE, path, method=method, json=body)


async def open_matters(link: Link) -> list[OpenMatter]:
    """The published matters open for applications (to draw up a project's list)."""
    return await read_list(link, OpenMatter, SERVICE, "/api/intake/v1/matters")
