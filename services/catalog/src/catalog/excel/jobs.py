"""Import jobs: queued by the upload, claimed by the worker, finished all or nothing."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.access import visible_department
from catalog.excel.models import ExcelImportJob
from catalog.excel.problems import CellRef
from catalog.excel.reader import WorkbookRefused, open_workbook
from catalog.models import Window, audit
from kit.audit import record
from kit.auth import Principal
from kit.clock import now
from kit.errors import DomainError, Invalid, NotFound, TooLarge

MAX_BYTES = 10 * 1024 * 1024
MAX_REPORTED = 1000  # problems kept per job; the count says how many there were
STALE_AFTER = timedelta(minutes=15)  # a running job not heard of since was cut off by a restart
XLSX = ".xlsx"


class UnsupportedFile(DomainError):
    status, title = 415, "Unsupported media type"


@dataclass(frozen=True)
class Claimed:
    """A job the worker took: its id, file, uploader, and the windows to read it with."""

    job_id: int
    content: bytes
    actor: Principal
    windows: dict[str, str]


def too_large() -> TooLarge:
    """The refusal of a workbook over 10 MB."""
    return TooLarge(f"A workbook may hold at most {MAX_BYTES // 1048576} MB.",
                    errors=[{"loc": ["body", "file"], "msg": "文件超过 10 MB，请分成几个文件上传"}])


def check_upload(*, filename: str, content: bytes) -> None:
    """Refuse what is not an .xlsx template of at most 10 MB, before anything is queued."""
    if not filename.lower().endswith(XLSX):
        raise UnsupportedFile(f"Only .xlsx workbooks can be imported, not {filename!r}.",
                              errors=[{"loc": ["body", "file"],
                                       "msg": "请上传 .xlsx 格式的 Excel 文件"}])
    if len(content) > MAX_BYTES:
        raise too_large()
    try:
        open_workbook(content).close()
    except WorkbookRefused as exc:
        refusal = TooLarge if exc.too_large else Invalid
        raise refusal(str(exc), errors=[{"loc": ["body", "file"], "msg": str(exc)}]) from exc


def create_job(*, session: Session, filename: str, content: bytes,
               actor: Principal) -> ExcelImportJob:
    """Queue an upload for the worker (checked first: wrong type, size or content → 4xx)."""
    check_upload(filename=filename, content=content)
    at = now()
    job = ExcelImportJob(department=actor.department, filename=filename[:200], workbook=content,
                         created_by=actor.sub, roles=list(actor.roles), created_at=at,
                         updated_at=at)
    session.add(job)
    session.flush()
    record(session, audit, actor=actor.sub, action="excel_import.queued",
           entity="excel_import_job", entity_id=str(job.id),
           after={"filename": job.filename, "bytes": len(content)})
    return job


def get_job(*, session: Session, job_id: int, actor: Principal) -> ExcelImportJob:
    """A job of the caller's department (any job for zone-wide roles); 404 otherwise."""
    job = session.get(ExcelImportJob, job_id)
    scope = visible_department(actor)
    if job is None or (scope is not None and job.department != scope):
        raise NotFound(f"No import job {job_id} is visible to you.")
    return job


def list_jobs(*, session: Session, actor: Principal, limit: int = 10) -> list[ExcelImportJob]:
    """The latest jobs of the caller's department, newest first."""
    query = select(ExcelImportJob).order_by(col(ExcelImportJob.id).desc()).limit(limit)
    scope = visible_department(actor)
    if scope is not None:
        query = query.where(col(ExcelImportJob.department) == scope)
    return list(session.scalars(query))


def claim_next(*, session: Session) -> Claimed | None:
    """Take the oldest queued job (one replica each, thanks to the row lock) and start it."""
    job = session.scalars(select(ExcelImportJob).where(col(ExcelImportJob.state) == "queued")
                          .order_by(col(ExcelImportJob.id)).limit(1)
                          .with_for_update(skip_locked=True)).first()
    if job is None or job.workbook is None:
        return None
    job.state, job.phase, job.started_at, job.updated_at = "running", "reading", now(), now()
    actor = Principal(sub=job.created_by, name=job.created_by, roles=tuple(job.roles or ()),
                      department=job.department)
    windows = {w.code: w.name for w in session.scalars(select(Window).order_by(col(Window.code)))}
    assert job.id is not None
    return Claimed(job.id, job.workbook, actor, windows)


# Each phase's share of the bar, as measured on large files: reading, checking, saving.
PHASES = {"reading": (0, 35), "checking": (35, 40), "saving": (40, 100)}


def percent(*, state: str, phase: str | None, done: int, total: int) -> int:
    """How far the whole job is, 0–100: the phase's share, filled as far as the phase is."""
    if state == "succeeded":
        return 100
    if state != "running" or phase not in PHASES:
        return 0
    start, end = PHASES[phase]
    return start + (end - start) * min(done, total) // total if total else start


def note_progress(*, session: Session, job_id: int, phase: str, done: int, total: int) -> None:
    """Persist how far the phase of a running job has come (the page polls it)."""
    session.execute(update(ExcelImportJob).where(
        col(ExcelImportJob.id) == job_id, col(ExcelImportJob.state) == "running").values(
        phase=phase, done=done, total=total, updated_at=now()))


def succeed(*, session: Session, job_id: int, result: dict[str, Any], total: int) -> None:
    """Mark a job done in the transaction that saved its drafts, so both commit together."""
    job = session.get(ExcelImportJob, job_id)
    assert job is not None
    job.state, job.phase, job.result, job.workbook = "succeeded", None, result, None
    job.done = job.total = total
    job.finished_at = job.updated_at = now()
    session.flush()
    record(session, audit, actor=job.created_by, action="excel_import.succeeded",
           entity="excel_import_job", entity_id=str(job_id),
           after={k: [m["implementation_code"] for m in v] for k, v in result.items()})


def fail(*, session: Session, job_id: int, problems: list[dict[str, Any]]) -> None:
    """Mark a job failed with every problem found (the first MAX_REPORTED of them)."""
    job = session.get(ExcelImportJob, job_id)
    assert job is not None
    job.state, job.phase, job.workbook = "failed", None, None
    job.errors, job.error_count = problems[:MAX_REPORTED], len(problems)
    job.finished_at = job.updated_at = now()
    session.flush()
    record(session, audit, actor=job.created_by, action="excel_import.failed",
           entity="excel_import_job", entity_id=str(job_id),
           after={"errors": len(problems)})


def recover_interrupted(*, session: Session) -> int:
    """Fail the jobs a stopped process left running; their file is still there to re-upload."""
    stale = list(session.scalars(select(ExcelImportJob).where(
        col(ExcelImportJob.state) == "running",
        col(ExcelImportJob.updated_at) < now() - STALE_AFTER)))
    for job in stale:
        assert job.id is not None
        fail(session=session, job_id=job.id, problems=[CellRef("", 0, "").problem(
            "导入因服务重启而中断，没有保存任何内容，请重新上传。")])
    return len(stale)
