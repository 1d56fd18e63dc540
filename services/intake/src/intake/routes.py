"""HTTP API of intake under /api/intake/v1: thin routes over intake.service."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import TypeAdapter

from intake import filing, matters, service
from intake.desk import Desk
from intake.forms import ApplicationForm, PrecheckForm, ResubmitForm
from intake.schemas import (
    ApplicationDetail,
    ApplicationListed,
    CorrectionsIn,
    DecisionIn,
    MatterSummary,
    PrecheckOut,
    State,
)
from intake.uploads import attachment, received
from kit.app import AuditedReadDep, SessionDep
from kit.auth import Principal, PrincipalDep, require
from kit.reads import ReaderDep
from kit.types import NO_NUL, Id

router = APIRouter(prefix="/api/intake/v1", tags=["intake"])

FILERS = ("applicant", "butler")
# Supervisors read cases' metadata and timeliness; only those who handle a case open its files.
FILE_READERS = ("applicant", "butler", "clerk", "approver")
READERS = (*FILE_READERS, "supervisor")
ApplicationId = Annotated[Id, Path()]
MaterialId = Annotated[Id, Path()]


async def the_desk(request: Request) -> Desk:
    """The app's filing desk: file store, identity keys, zone, limits (an async dependency:
    FastAPI runs it without a thread)."""
    found: Desk = request.app.state.desk
    return found


DeskDep = Annotated[Desk, Depends(the_desk)]
LISTED = TypeAdapter(list[ApplicationListed])


def blank_to_none(value: str | None) -> str | None:
    """A form field left empty counts as not given."""
    return (value or "").strip() or None


@router.post("/applications/precheck", response_model=PrecheckOut)
def precheck(session: SessionDep, desk: DeskDep, form: Annotated[PrecheckForm, Form()],
             principal: Principal = require(*FILERS)) -> PrecheckOut:
    """The material pre-check (材料预审): what is missing or wrong; stores nothing."""
    with received(form.materials, form.slots, desk.store, desk.limits.file) as materials:
        return filing.check_materials(
            session=session, desk=desk, principal=principal,
            implementation_code=form.implementation_code.strip(), materials=materials)


@router.post("/applications", status_code=201, response_model=ApplicationDetail)
def file_application(
    session: SessionDep,
    desk: DeskDep,
    form: Annotated[ApplicationForm, Form()],
    idempotency_key: Annotated[str | None, Header(max_length=255)] = None,
    principal: Principal = require(*FILERS),
) -> JSONResponse:
    """File an application (multipart: who applies, one file per listed material); missing
    required materials need `confirm_incomplete`; a retried `Idempotency-Key` returns the first
    answer."""
    with received(form.materials, form.slots, desk.store, desk.limits.file) as materials:
        answer = filing.file_application(
            session=session, desk=desk, principal=principal,
            implementation_code=form.implementation_code.strip(),
            on_behalf_of=blank_to_none(form.on_behalf_of), note=blank_to_none(form.note),
            applicant=form.applicant(), project_item=form.project_item, materials=materials,
            confirm_incomplete=form.confirm_incomplete,
            idempotency_key=blank_to_none(idempotency_key))
    return JSONResponse(answer, status_code=201)


@router.get("/applications", response_model=list[ApplicationListed])
async def list_applications(
    reader: ReaderDep,
    desk: DeskDep,
    state: State | None = None,
    window: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z][a-z0-9_-]*$")] = None,
    q: Annotated[str | None, Query(max_length=100, pattern=NO_NUL)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    before: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    principal: Principal = require(*READERS),
) -> Response:
    """The applications the caller may see, newest first, optionally in one state, at one of
    the hall's windows, or matching `q` (case number, matter or applicant name), each with
    what a card shows (note, pinned version, files, decision). Page with `before` (the id of
    the last line of the page before: each page costs the same however deep); `offset` skips
    lines and costs what it skips."""
    listed = await reader.orm(lambda session: service.list_applications(
        session=session, desk=desk, principal=principal, state=state, window=window,
        q=(q or "").strip() or None, limit=limit, offset=offset, before=before))
    # Serialized once (FastAPI would validate the lines against the response model again).
    return Response(LISTED.dump_json(listed), media_type="application/json")


@router.get("/applications/{application_id}", response_model=ApplicationDetail)
def get_application(session: AuditedReadDep, desk: DeskDep, application_id: ApplicationId,
                    principal: Principal = require(*READERS)) -> ApplicationDetail:
    """One application with materials, history, notices, pinned version and decision (a staff
    member's read is audited)."""
    return service.get_application(session=session, desk=desk, principal=principal,
                                   application_id=application_id)


@router.get("/applications/{application_id}/materials/{material_id}",
            response_class=Response)
def download_material(session: AuditedReadDep, desk: DeskDep, application_id: ApplicationId,
                      material_id: MaterialId,
                      principal: Principal = require(*FILE_READERS)) -> Response:
    """The bytes of one uploaded material (its SHA-256 checked), with the detected type (a
    staff download is audited)."""
    material = service.material_file(session=session, desk=desk, principal=principal,
                                     application_id=application_id, material_id=material_id)
    return Response(material.content, media_type=material.content_type,
                    headers={"Content-Disposition": attachment(material.filename),
                             "X-Content-Type-Options": "nosniff"})


@router.post("/applications/{application_id}/accept", response_model=ApplicationDetail)
def accept(session: SessionDep, desk: DeskDep, application_id: ApplicationId,
           principal: Principal = require("clerk")) -> ApplicationDetail:
    """Accept (受理) a submitted or corrected application; the legal clock starts."""
    return service.accept(session=session, desk=desk, principal=principal,
                          application_id=application_id)


@router.post("/applications/{application_id}/corrections", response_model=ApplicationDetail)
def request_corrections(session: SessionDep, desk: DeskDep, application_id: ApplicationId,
                        notice: CorrectionsIn,
                        principal: Principal = require("clerk")) -> ApplicationDetail:
    """Send the one-time notice listing every missing or wrong material."""
    return service.request_corrections(session=session, desk=desk, principal=principal,
                                       application_id=application_id, items=notice.items)


@router.post("/applications/{application_id}/resubmit", response_model=ApplicationDetail)
def resubmit(session: SessionDep, desk: DeskDep, application_id: ApplicationId,
             form: Annotated[ResubmitForm, Form()],
             principal: Principal = require(*FILERS)) -> ApplicationDetail:
    """Upload the corrected materials (multipart files `materials`, each with its slot)."""
    with received(form.materials, form.slots, desk.store, desk.limits.file) as materials:
        return service.resubmit(session=session, desk=desk, principal=principal,
                                application_id=application_id, materials=materials)


@router.post("/applications/{application_id}/decision", response_model=ApplicationDetail)
def decide(session: SessionDep, desk: DeskDep, application_id: ApplicationId, decision: DecisionIn,
           principal: Principal = require("approver")) -> ApplicationDetail:
    """Approve or reject an accepted application of the approver's department."""
    return service.decide(session=session, desk=desk, principal=principal,
                          application_id=application_id,
                          decision=decision.decision, opinion=decision.opinion)


@router.get("/matters", response_model=list[MatterSummary])
def list_matters(session: SessionDep, _: PrincipalDep) -> list[MatterSummary]:
    """The published matters open for applications, in their version in force."""
    return matters.list_open(session=session)
