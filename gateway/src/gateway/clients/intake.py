"""Intake as the pages use it: filing applications, following them, and handling them."""

from datetime import date, datetime
from typing import Any
from urllib.parse import quote

import httpx
from starlette.datastructures import FormData, UploadFile

from gateway.clients.base import Answer, Link, ServiceError, read, read_list
from kit.types import whole_number

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
        index = whole_number(key.removeprefix("slot-"))
        if key.startswith("slot-") and index is not None and isinstance(value, UploadFile) \
                and value.filename:
            files.append(("materials", (value.filename, await value.read(),
                                        value.content_type or "application/octet-stream")))
            slots.append(index)
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


class JointDepartment(Answer):
    """A co-handling department of a jointly handled application (并联审批): its step, its
    deadline and its answer (the conditions or reasons only for those who handle the case)."""

    department_code: str
    department_name: str
    step: str | None = None
    deadline: date | None = None
    state: str
    remark: str | None = None
    answered_at: datetime | None = None
    escalated: bool = False


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
    joint: list[JointDepartment] = []  # co-handling departments (并联审批)


class LedgerEntry(Answer):
    """One entry of the legal clock: received, started, paused, resumed, extended, due."""

    kind: str
    cause: str | None = None
    day: date
    days: int | None = None
    note: str | None = None
    due_date: date | None = None


class Clock(Answer):
    """The clock today: limit, days used and left, paused by what, the missing year, and what
    staff may still do (special procedures, extension, a second notice)."""

    limit: int = 0
    unit: str = "working_day"
    days_used: int | None = None
    days_left: int | None = None
    paused: str | None = None
    missing_year: int | None = None
    special_procedures: list[str] = []
    extension_allowed: bool = False
    extension_max_days: int = 0
    extension_used: int = 0
    second_notice_refusal: str | None = None


class ApplicationDetail(Application):
    """One application in full: also its notices (`corrections`), `history`, the legal
    clock's `ledger` and reading, the correction deadline and any 不予受理 decision."""

    ledger: list[LedgerEntry] = []
    clock: Clock = Clock()
    days_left: int | None = None
    correction_deadline: date | None = None
    non_acceptance: dict[str, Any] | None = None


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
    """One step of the window or the department: `accept`, `corrections`, `decision`,
    `non-acceptance`, `special-procedures` (start), `special-procedures/end`, `extension`."""
    return await read(link, ApplicationDetail, SERVICE,
                      f"{APPLICATIONS}/{application_id}/{action}", method="POST", json=body)


async def material(link: Link, application_id: int, material_id: int) -> httpx.Response:
    """One uploaded file, its body still to be read as a stream (close the response)."""
    return await stream(link, f"{APPLICATIONS}/{application_id}/materials/{material_id}")


async def stream(link: Link, path: str) -> httpx.Response:
    """A file of intake, its body still to be read as a stream; a refusal is read and closed."""
    upstream = await link.upstreams.call(SERVICE, "GET", path, link.principal, stream=True)
    if upstream.status_code >= 400:
        await upstream.aread()
        await upstream.aclose()
        raise ServiceError.of(upstream)
    return upstream


# --- documents and 办件查询 ---

class Document(Answer):
    """A document issued on a case (its verification code only to those who see the case)."""

    id: int
    kind: str
    title: str
    issued_at: datetime
    verification_code: str | None = None


class LedgerStep(Answer):
    """One public step of a case."""

    step: str
    state: str
    at: datetime


class Progress(Answer):
    """A case as its case number and query code show it to anyone."""

    case_number: str
    state: str
    closed: bool
    matter_name: str
    department_name: str
    applicant: str
    received_at: datetime
    accepted_at: datetime | None = None
    due_date: date | None = None
    days_left: int | None = None
    ledger: list[LedgerStep]
    clock: list[LedgerEntry] = []
    paused: str | None = None
    missing_year: int | None = None
    documents: list[str]
    joint: list[JointDepartment] = []  # co-handling departments and their states (并联审批)


class VerifiedDocument(Answer):
    """What the public check of a document shows."""

    kind: str
    title: str
    case_number: str
    issued_on: date
    department_name: str
    applicant: str
    sha256: str


async def documents(link: Link, application_id: int) -> list[Document]:
    """The documents issued on a case, oldest first."""
    return await read_list(link, Document, SERVICE,
                           f"{APPLICATIONS}/{application_id}/documents")


async def document(link: Link, application_id: int, document_id: int) -> httpx.Response:
    """One document's PDF, its body still to be read as a stream (close the response)."""
    return await stream(link, f"{APPLICATIONS}/{application_id}/documents/{document_id}")


async def progress(link: Link, case_number: str, code: str) -> Progress:
    """办件查询: a case by its number and query code (404 for a wrong pair)."""
    path = f"/api/intake/v1/progress/{quote(case_number, safe='')}"
    return await read(link, Progress, SERVICE, path, params={"code": code})


async def verify_document(link: Link, code: str) -> VerifiedDocument:
    """The public check of a document by its verification code (404 for an unknown one)."""
    return await read(link, VerifiedDocument, SERVICE,
                      f"/api/intake/v1/documents/verify/{quote(code, safe='')}")

