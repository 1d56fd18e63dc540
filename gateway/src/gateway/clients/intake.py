"""Intake as the pages use it: filing applications, following them, and handling them."""

from datetime import date, datetime
from typing import Any

import httpx
from starlette.datastructures import FormData, UploadFile

from gateway.clients.base import Answer, Link, ServiceError, read, read_list

SERVICE = "intake"
APPLICATIONS = "/api/intake/v1/applications"
# Files as httpx sends them: ("materials", (filename, bytes, content type)).
Files = list[tuple[str, tuple[str, bytes, str]]]


async def files_of(form: FormData) -> tuple[Files, list[int]]:
    """The files a page's form chose in each slot (`slot-<n>`, a listed material) and the slot
    of each, ready to pass on (an empty file input sends none)."""
    files: Files = []
    slots: list[int] = []
    for key, value in form.multi_items():
        index = key.removeprefix("slot-")
        if key.startswith("slot-") and index.isdigit() and isinstance(value, UploadFile) \
                and value.filename:
            files.append(("materials", (value.filename, await value.read(),
                                        value.content_type or "application/octet-stream")))
            slots.append(int(index))
    return files, slots


class Decision(Answer):
    """The department's decision on an application."""

    decision: str
    result_name: str | None = None
    opinion: str | None = None


class Applicant(Answer):
    """Who applies; the personal numbers come masked except to the window's clerk."""

    kind: str
    name: str
    id_number: str | None = None
    phone: str | None = None
    credit_code: str | None = None
    legal_representative: str | None = None


class Slot(Answer):
    """One upload slot: a listed material, what it accepts, its blank form or sample."""

    index: int
    name: str
    required: bool
    form: str | None = None
    kinds: list[str]
    blank_form: str | None = None
    sample: str | None = None
    files: list[str] = []


class Problem(Answer):
    """One thing the pre-check found missing or wrong."""

    slot: int | None = None
    material: str | None = None
    file: str | None = None
    problem: str
    detail: str


class Precheck(Answer):
    """The material pre-check: complete, acceptable, the problems, the slots."""

    complete: bool
    acceptable: bool
    problems: list[Problem]
    slots: list[Slot]


class Application(Answer):
    """An application as a list shows it, with what a card needs: the pinned version
    (`matter`), the uploaded files (`materials`), the decision once made, its 办件编号 and
    query code, who applies, and whether it was filed incomplete."""

    id: int
    case_number: str
    query_code: str
    incomplete: bool = False
    applicant: Applicant
    state: str
    matter_name: str
    submitted_at: datetime
    due_date: date | None = None
    decision: Decision | None = None
    enterprise: str | None = None
    agent_name: str | None = None  # the butler who filed for the enterprise (代办人)


class ApplicationDetail(Application):
    """One application in full: also its notices (`corrections`) and `history`."""


async def applications(link: Link, **params: Any) -> list[Application]:
    """Applications the visitor may see, newest first (`state`, `limit`, `offset`)."""
    return await read_list(link, Application, SERVICE, APPLICATIONS, params=params)


async def application(link: Link, application_id: int) -> ApplicationDetail:
    """One application the visitor may see."""
    return await read(link, ApplicationDetail, SERVICE, f"{APPLICATIONS}/{application_id}")


async def precheck(link: Link, *, code: str, files: Files, slots: list[int]) -> Precheck:
    """The material pre-check of files not yet filed."""
    body = {"implementation_code": code, "slots": [str(s) for s in slots]}
    return await read(link, Precheck, SERVICE, f"{APPLICATIONS}/precheck", method="POST",
                      data=body, files=files)


async def file(link: Link, *, code: str, on_behalf_of: str, note: str, applicant: dict[str, str],
               files: Files, slots: list[int], confirm_incomplete: bool, key: str,
               project_item: str = "") -> ApplicationDetail:
    """File an application (who applies, a slot per file; a project's matter when
    `project_item`); the same idempotency `key` files it only once."""
    body: dict[str, Any] = {
        "implementation_code": code, "on_behalf_of": on_behalf_of, "note": note, **applicant,
        **({"project_item": project_item} if project_item else {}),
        "slots": [str(s) for s in slots], "confirm_incomplete": str(confirm_incomplete).lower()}
    return await read(link, ApplicationDetail, SERVICE, APPLICATIONS, method="POST", data=body,
                      files=files, headers={"Idempotency-Key": key})


async def resubmit(link: Link, application_id: int, files: Files,
                   slots: list[int]) -> ApplicationDetail:
    """Send the corrected materials the one-time notice asked for, each in its slot."""
    return await read(link, ApplicationDetail, SERVICE,
                      f"{APPLICATIONS}/{application_id}/resubmit", method="POST", files=files,
                      data={"slots": [str(s) for s in slots]})


async def handle(link: Link, application_id: int, action: str,
                 body: dict[str, Any] | None = None) -> ApplicationDetail:
    """One step of the window or the department: `accept`, `corrections`, `decision`."""
    return await read(link, ApplicationDetail, SERVICE,
                      f"{APPLICATIONS}/{application_id}/{action}", method="POST", json=body)


async def material(link: Link, application_id: int, material_id: int) -> httpx.Response:
    """One uploaded file, its body still to be read as a stream (close the response)."""
    path = f"{APPLICATIONS}/{application_id}/materials/{material_id}"
    upstream = await link.upstreams.stream(SERVICE, path, link.principal)
    if upstream.status_code >= 400:
        await upstream.aread()
        await upstream.aclose()
        raise ServiceError.of(upstream)
    return upstream


# --- the butler: mandates and projects ---

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
