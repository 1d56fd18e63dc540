"""Excel API: download the template, export the catalog, import a filled workbook as a job."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response
from starlette.datastructures import UploadFile as StarletteUpload

from catalog.access import Editor
from catalog.excel import jobs, service
from catalog.excel.models import ExcelImportJob
from catalog.excel.schemas import ImportJobRead
from catalog.excel.template import CONTENT_TYPE
from catalog.excel.worker import ImportWorker
from kit.app import SessionDep
from kit.errors import Invalid
from kit.types import FormInput

TEMPLATE_NAME = "事项标准导入模板.xlsx"
JobId = Annotated[int, Path(ge=1, le=2**31 - 1)]
# The multipart envelope around a 10 MB workbook. A larger declared body is refused before it
# is read (413 problem+json); a body streamed without its length is cut off at twice that.
MAX_BODY = jobs.MAX_BYTES + 256 * 1024
UPLOAD_SCHEMA = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "additionalProperties": False,
    "properties": {"file": {"type": "string", "format": "binary"},
                   "csrf_token": {"type": "string", "maxLength": 200}}}}}}}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The import worker runs as long as the catalog does."""
    worker = ImportWorker(app.state.db)
    app.state.excel_worker = worker
    worker.start()
    try:
        yield
    finally:
        await worker.stop()


router = APIRouter(prefix="/api/catalog/v1/excel", tags=["excel"], lifespan=lifespan)


def kick_after_commit(request: Request) -> Iterator[None]:
    """Wake the worker once the request's session has committed the job (declared before
    the session, this dependency is closed after it)."""
    yield
    worker = getattr(request.app.state, "excel_worker", None)
    if worker is not None:
        worker.kick()


KickWorker = Annotated[None, Depends(kick_after_commit, scope="function")]


async def uploaded_workbook(request: Request) -> tuple[str, bytes]:
    """The multipart field `file`: its name and at most 10 MB + 1 byte of it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise jobs.too_large()
    form = await request.form(max_files=1, max_fields=10)
    unknown = sorted(set(form) - {"file", *FormInput.model_fields})
    if unknown:  # strict like every request model (kit.types.Input)
        raise Invalid("The form holds unknown fields.",
                      errors=[{"loc": ["body", k], "msg": "Extra inputs are not permitted"}
                              for k in unknown])
    chosen = form.get("file")
    if not isinstance(chosen, StarletteUpload) or not chosen.filename:
        raise Invalid("Choose a file.", errors=[{"loc": ["body", "file"], "msg": "请选择文件"}])
    return chosen.filename, await chosen.read(jobs.MAX_BYTES + 1)


Upload = Annotated[tuple[str, bytes], Depends(uploaded_workbook)]


def attachment(response_type: str, content: bytes, filename: str) -> Response:
    """A file download with its Chinese name (RFC 6266 `filename*`) and an ASCII fallback."""
    disposition = (f'attachment; filename="onewindow.xlsx"; '
                   f"filename*=UTF-8''{quote(filename)}")
    return Response(content, media_type=response_type,
                    headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


def job_read(job: ExcelImportJob, request: Request) -> ImportJobRead:
    """A job as the API shows it, with live progress when this process is running it."""
    phase, done, total = job.phase, job.done, job.total
    worker = getattr(request.app.state, "excel_worker", None)
    live = worker.progress(job.id) if worker is not None and job.state == "running" else None
    if live is not None:
        phase, done, total = live.phase, live.done, live.total
    return ImportJobRead.model_validate({
        **job.model_dump(exclude={"workbook", "roles"}), "phase": phase, "done": done,
        "total": total, "errors": job.errors or [],
        "percent": jobs.percent(state=job.state, phase=phase, done=done, total=total)})


@router.get("/template", response_class=Response,
            responses={200: {"content": {CONTENT_TYPE: {}}}})
def template(session: SessionDep, actor: Editor) -> Response:
    """The empty template (.xlsx): one sheet per part of the standard, notes and drop-downs."""
    return attachment(CONTENT_TYPE, service.template_file(session=session, actor=actor),
                      TEMPLATE_NAME)


@router.get("/export", response_class=Response, responses={200: {"content": {CONTENT_TYPE: {}}}})
def export(session: SessionDep, actor: Editor, department: str | None = None,
           which: Annotated[service.Which, Query()] = "latest") -> Response:
    """The caller's matters in the template (each one's latest version, or `which=current`);
    importing the file again changes nothing."""
    content, name = service.export_file(session=session, actor=actor, department=department,
                                        which=which)
    return attachment(CONTENT_TYPE, content, name)


@router.post("/imports", response_model=ImportJobRead, status_code=202,
             max_body_size=2 * MAX_BODY, openapi_extra=UPLOAD_SCHEMA)
def start_import(_: KickWorker, request: Request, session: SessionDep, actor: Editor,
                 upload: Upload, response: Response) -> Any:
    """Queue a filled workbook (multipart field `file`, .xlsx, ≤ 10 MB); poll the job."""
    filename, content = upload
    job = jobs.create_job(session=session, filename=filename, content=content, actor=actor)
    response.headers["Location"] = f"{router.prefix}/imports/{job.id}"
    return job_read(job, request)


@router.get("/imports", response_model=list[ImportJobRead])
def recent_imports(request: Request, session: SessionDep, actor: Editor) -> Any:
    """The department's latest import jobs, newest first."""
    return [job_read(job, request) for job in jobs.list_jobs(session=session, actor=actor)]


@router.get("/imports/{job_id}", response_model=ImportJobRead)
def import_job(job_id: JobId, request: Request, session: SessionDep, actor: Editor) -> Any:
    """One import job: its progress while it runs, then its problems or its drafts."""
    return job_read(jobs.get_job(session=session, job_id=job_id, actor=actor), request)
