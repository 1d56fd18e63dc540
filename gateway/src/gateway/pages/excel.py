"""Compile by Excel: download the template, upload a filled workbook, watch its import."""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from gateway.access import Caller
from gateway.clients import catalog
from gateway.clients.base import ServiceError
from gateway.page import Editor, link, render, translate

router = APIRouter(include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 10 * 1024 * 1024
JobId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def refusal_of(refused: ServiceError) -> str:
    """The catalog's reason in the clerk's words (its Chinese `errors[].msg` when given)."""
    messages = [str(e.get("msg")) for e in refused.errors if e.get("msg")]
    return "；".join(messages) or refused.reason


async def _upload_page(request: Request, caller: Caller, *, error: str | None = None,
                       status: int = 200) -> Response:
    jobs = await catalog.imports(link(request, caller))
    return render(request, "excel_upload.html", caller, status=status, jobs=jobs, error=error)


@router.get("/editor/excel")
async def excel_page(request: Request, caller: Editor) -> Response:
    """The template to download, the upload form, the export, and the latest imports."""
    return await _upload_page(request, caller)


@router.post("/editor/excel", max_body_size=2 * MAX_BYTES)  # beyond it: 413 before spooling
async def upload(request: Request, caller: Editor) -> Response:
    """Queue the uploaded workbook and show its import; refusals come back on the form."""
    _ = translate(request)
    chosen = (await request.form()).get("file")
    if not isinstance(chosen, UploadFile) or not chosen.filename:
        return await _upload_page(request, caller, error=_("请选择要上传的 Excel 文件。"),
                                  status=422)
    content = await chosen.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        return await _upload_page(request, caller, error=_("文件超过 10 MB，请分成几个文件上传。"),
                                  status=413)
    try:
        job = await catalog.start_import(link(request, caller), chosen.filename, content,
                                         chosen.content_type or XLSX)
    except ServiceError as refused:
        return await _upload_page(request, caller, error=refusal_of(refused),
                                  status=refused.status)
    return RedirectResponse(f"/editor/excel/imports/{job.id}", status_code=303)


@router.get("/editor/excel/imports/{job_id}")
async def job_page(job_id: JobId, request: Request, caller: Editor) -> Response:
    """One import: a progress bar while it runs (HTMX polls every second), then its problems
    cell by cell, or the drafts it created and updated."""
    job = await catalog.import_job(link(request, caller), job_id)
    outcomes = [(kind, (job.result or {}).get(kind) or [])
                for kind in ("created", "updated", "drafted", "unchanged")]
    return render(request, "excel_job.html", caller, block="job", job=job,
                  running=job.state in ("queued", "running"), outcomes=outcomes)
