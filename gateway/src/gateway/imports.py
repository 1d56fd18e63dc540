"""Bulk import of units and accounts (the system administrator): the templates, a preview
that names every wrong cell, and the import itself — all rows, or none."""

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from gateway import bulk, bulk_plan, scopes
from gateway.access import Caller, CallerDep
from gateway.administrators import SYSTEM, acting_as
from gateway.clients.base import Link
from kit.errors import Invalid
from kit.types import FormInput

router = APIRouter(prefix="/api/admin/imports", tags=["gateway"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = ("units", "accounts")
UPLOAD_SCHEMA = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "additionalProperties": False,
    "properties": {"file": {"type": "string", "format": "binary"},
                   "kind": {"type": "string", "enum": list(KINDS)},
                   "csrf_token": {"type": "string", "maxLength": 200}}}}}}}


async def uploaded(request: Request) -> tuple[str, bytes, str | None]:
    """The multipart fields `file` (its name and at most the limit + 1 byte) and `kind`."""
    form = await request.form(max_files=1, max_fields=10)
    unknown = sorted(set(form) - {"file", "kind", *FormInput.model_fields})
    if unknown:  # strict like every request model (kit.types.Input)
        raise Invalid("The form holds unknown fields.",
                      errors=[{"loc": ["body", k], "msg": "Extra inputs are not permitted"}
                              for k in unknown])
    chosen, said = form.get("file"), form.get("kind") or None
    kind = said if isinstance(said, str) else None
    if not isinstance(chosen, UploadFile):
        raise Invalid("Choose a file.", errors=[{"loc": ["body", "file"], "msg": "请选择文件"}])
    if said is not None and kind not in KINDS:
        raise Invalid("kind is units or accounts.",
                      errors=[{"loc": ["body", "kind"], "msg": "units 或 accounts"}])
    return chosen.filename or "", await chosen.read(bulk.MAX_BYTES + 1), kind


Upload = Annotated[tuple[str, bytes, str | None], Depends(uploaded)]


class ImportProblem(BaseModel):
    sheet: str
    row: int
    column: str
    reason: str


class Preview(BaseModel):
    """What the file would create, and what is wrong in it (nothing is written)."""

    units: list[dict[str, str]]
    accounts: list[dict[str, str | None]]
    problems: list[ImportProblem]


class Invited(BaseModel):
    username: str
    display_name: str
    url: str
    expires_at: datetime


class Imported(BaseModel):
    """What was created: the units, and each account with its one-time link (shown once)."""

    units: list[dict[str, str]]
    accounts: list[Invited]


@router.get("/template.xlsx")
async def template_xlsx(caller: CallerDep) -> Response:
    """The Excel template: sheets 单位 and 账号 with their columns and an example row."""
    acting_as(caller, SYSTEM)
    return Response(bulk.template_workbook(), media_type=XLSX, headers={
        "Content-Disposition": "attachment; filename=accounts-template.xlsx"})


@router.get("/template-{kind}.csv")
async def template_csv(kind: Literal["units", "accounts"], caller: CallerDep) -> Response:
    """The CSV template of units or of accounts (UTF-8)."""
    acting_as(caller, SYSTEM)
    return Response(bulk.template_csv(kind), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f"attachment; filename={kind}-template.csv"})


async def planned(request: Request, caller: Caller, upload: tuple[str, bytes, str | None],
                  ) -> bulk_plan.Plan:
    """The file read (off the event loop: a workbook takes a while) and checked against the
    platform (nothing written)."""
    sheets = await run_in_threadpool(bulk.read, *upload)
    return await plan_of(request, scopes.link_of(request, caller.principal), sheets)


async def plan_of(request: Request, services: Link, sheets: bulk.Sheets) -> bulk_plan.Plan:
    """Sheets checked against the platform's departments, groups and units (nothing written)."""
    known = await scopes.known(services)

    def check() -> bulk_plan.Plan:
        with request.app.state.db.session(write=False) as s:
            return bulk_plan.check(session=s, sheets=sheets, known=known)

    return await run_in_threadpool(check)


def problems_of(plan: bulk_plan.Plan) -> list[dict[str, Any]]:
    """The plan's problems as the API answers them."""
    return [{**p.shown(), "loc": [p.sheet, p.row, p.column], "msg": p.reason}
            for p in plan.problems]


@router.post("/preview", response_model=Preview, max_body_size=2 * bulk.MAX_BYTES,
             openapi_extra=UPLOAD_SCHEMA)
async def preview(request: Request, caller: CallerDep, upload: Upload) -> Preview:
    """What the file (CSV: say `kind`; Excel: sheets 单位 and 账号) would create, and every
    wrong cell by sheet, row, column and reason; nothing is written."""
    acting_as(caller, SYSTEM)
    plan = await planned(request, caller, upload)
    return Preview(units=plan.units, accounts=plan.accounts,
                   problems=[ImportProblem(**p.shown()) for p in plan.problems])


def write(request: Request, actor: str, plan: bulk_plan.Plan) -> Imported:
    """Create what the plan says, in one transaction."""
    with request.app.state.db.session() as s:
        created = bulk_plan.apply(session=s, actor=actor, plan=plan)
        return Imported(units=plan.units, accounts=[
            Invited(username=a.username, display_name=a.display_name,
                    url=scopes.link_url(request, link.path), expires_at=link.expires_at)
            for a, link in created])


@router.post("", response_model=Imported, status_code=201, max_body_size=2 * bulk.MAX_BYTES,
             openapi_extra=UPLOAD_SCHEMA)
async def import_file(request: Request, caller: CallerDep, upload: Upload) -> Imported:
    """Create every unit and account of the file, or nothing when any row is wrong (422 with
    each problem); each account gets a one-time link to set its password (72 hours)."""
    actor = acting_as(caller, SYSTEM)
    plan = await planned(request, caller, upload)
    if plan.problems:
        raise Invalid(f"{len(plan.problems)} problems in the file; nothing was imported.",
                      errors=problems_of(plan))
    return await run_in_threadpool(write, request, actor, plan)
