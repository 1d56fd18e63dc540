"""Intake as the pages use it: filing applications, following them, and handling them."""

from datetime import date, datetime
from typing import Any

import httpx
from starlette.datastructures import FormData, UploadFile

from gateway.clients.base import Answer, Link, ServiceError, read, read_list, segment

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
               files: Files, slots: list[int], confirm_incomplete: bool,
               key: str) -> ApplicationDetail:
    """File an application (who applies, a slot per file); the same idempotency `key` files
    it only once."""
    body: dict[str, Any] = {
        "implementation_code": code, "on_behalf_of": on_behalf_of, "note": note, **applicant,
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


# --- the hall's walk-in queue ---

HALL = "/api/intake/v1/hall"


class Ticket(Answer):
    """A walk-in ticket (取号): its number (A012), window, state and how many wait before it;
    at the window also the phone (masked) and who called it."""

    id: int
    number: str
    window: str
    state: str
    ahead: int
    taken_at: datetime
    called_at: datetime | None = None
    phone: str | None = None


class WindowQueue(Answer):
    """One window's queue today: its ticket letter, how many wait, the numbers called."""

    window: str
    letter: str
    waiting: int
    calling: list[str]


async def take_ticket(link: Link, *, window: str, phone: str) -> Ticket:
    """Take a ticket for a window (a phone number only if given)."""
    body = {"window": window} | ({"phone": phone} if phone else {})
    return await read(link, Ticket, SERVICE, f"{HALL}/tickets", method="POST", json=body)


async def ticket(link: Link, number: str) -> Ticket:
    """Today's ticket by its number."""
    return await read(link, Ticket, SERVICE, f"{HALL}/tickets/{segment(number)}")


async def queues(link: Link) -> list[WindowQueue]:
    """Every window's queue today."""
    return await read_list(link, WindowQueue, SERVICE, f"{HALL}/windows")


async def window_tickets(link: Link, window: str) -> list[Ticket]:
    """Today's tickets of the clerk's window."""
    return await read_list(link, Ticket, SERVICE, f"{HALL}/windows/{segment(window)}/tickets")


async def call_next(link: Link, window: str) -> Ticket:
    """Call the next waiting ticket of the clerk's window."""
    return await read(link, Ticket, SERVICE, f"{HALL}/windows/{segment(window)}/next",
                      method="POST")


async def finish_ticket(link: Link, ticket_id: int, outcome: str) -> Ticket:
    """Mark a called ticket `served` or `no-show`."""
    return await read(link, Ticket, SERVICE, f"{HALL}/tickets/{ticket_id}/{outcome}",
                      method="POST")
