"""Compile by Excel: download the template, upload a filled workbook, watch its import."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import detail_of, fetch
from gateway.pages.review import check_role, local_time, send
from gateway.web import render

router = APIRouter(include_in_schema=False)
EDITORS = ("editor", "admin")
EXCEL = "/api/catalog/v1/excel"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 10 * 1024 * 1024
JobId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def refusal_of(answer: Any) -> str:
    """The catalog's reason in the clerk's words (its Chinese `errors[].msg` when given)."""
    try:
        errors = answer.json().get("errors") or []
    except ValueError:
        errors = []
    messages = [str(e.get("msg")) for e in errors if isinstance(e, dict) and e.get("msg")]
    return "；".join(messages) or detail_of(answer)


async def _upload_page(request: Request, caller: Caller, *, error: str | None = None,
                       status: int = 200) -> Response:
    jobs = await fetch(request, caller, "catalog", f"{EXCEL}/imports")
    return render(request, "excel_upload.html", caller, status=status, jobs=jobs, error=error,
                  when=local_time)


@router.get("/editor/excel")
async def excel_page(request: Request, caller: CallerDep) -> Response:
    """The template to download, the upload form, the export, and the latest imports."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    return await _upload_page(request, caller)


@router.post("/editor/excel", max_body_size=2 * MAX_BYTES)  # beyond it: 413 before spooling
async def upload(request: Request, caller: CallerDep) -> Response:
    """Queue the uploaded workbook and show its import; refusals come back on the form."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    t = translator(language(request))
    chosen = (await request.form()).get("file")
    if not isinstance(chosen, UploadFile) or not chosen.filename:
        return await _upload_page(request, caller, error=t("xl.err.no_file"), status=422)
    content = await chosen.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        return await _upload_page(request, caller, error=t("xl.err.too_large"), status=413)
    answer = await send(request, caller, "catalog", "POST", f"{EXCEL}/imports",
                        files={"file": (chosen.filename, content, chosen.content_type or XLSX)})
    if answer.status_code >= 400:
        return await _upload_page(request, caller, error=refusal_of(answer),
                                  status=answer.status_code)
    return RedirectResponse(f"/editor/excel/imports/{answer.json()['id']}", status_code=303)


@router.get("/editor/excel/imports/{job_id}")
async def job_page(job_id: JobId, request: Request, caller: CallerDep) -> Response:
    """One import: a progress bar while it runs (HTMX polls every second), then its problems
    cell by cell, or the drafts it created and updated."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    job = await fetch(request, caller, "catalog", f"{EXCEL}/imports/{job_id}")
    outcomes = [(kind, (job.get("result") or {}).get(kind) or [])
                for kind in ("created", "updated", "drafted", "unchanged")]
    return render(request, "excel_job.html", caller, block="job", job=job, when=local_time,
                  running=job["state"] in ("queued", "running"), outcomes=outcomes)
