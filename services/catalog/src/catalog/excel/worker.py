"""The import worker: runs queued jobs one at a time in a thread, and tells how far each is.

Reading and checking report progress to the job row every half second. Saving happens in
one transaction (all or nothing), which on SQLite holds the only writer, so its progress is
kept in memory and the job row learns the outcome in that same transaction.
"""

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import structlog

from catalog.excel import jobs
from catalog.excel.apply import ImportRefused, save_matters
from catalog.excel.problems import CellRef
from catalog.excel.reader import WorkbookRefused, read_workbook, validate
from kit.background import BackgroundLoop
from kit.db import Database

log = structlog.get_logger()
POLL_SECONDS = 5.0  # a job queued by another replica is found this late at most
PERSIST_EVERY = 0.5


@dataclass(frozen=True)
class Progress:
    phase: str
    done: int
    total: int


class _Tracker:
    """Records how far the phase in hand has come: rows read, matters checked, then saved."""

    def __init__(self, worker: "ImportWorker", job_id: int) -> None:
        self.worker, self.job_id = worker, job_id
        self.persisted_at = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        self.worker.live[self.job_id] = Progress(phase, done, total)
        moment = time.monotonic()
        if phase != "saving" and moment - self.persisted_at >= PERSIST_EVERY:
            self.persisted_at = moment
            with self.worker.db.session() as session:
                jobs.note_progress(session=session, job_id=self.job_id, phase=phase, done=done,
                                   total=total)


class ImportWorker(BackgroundLoop):
    """Started and stopped with the catalog; `kick` after a job is queued."""

    name = "catalog-excel-imports"

    def __init__(self, db: Database) -> None:
        super().__init__(POLL_SECONDS)
        self.db = db
        self.live: dict[int, Progress] = {}

    async def stop(self, grace: float = 30.0) -> None:
        """Let the job in hand finish, then end; give up waiting after `grace` seconds."""
        await super().stop(grace)

    async def setup(self) -> None:
        await asyncio.to_thread(self._recover)

    async def round(self) -> None:
        await asyncio.to_thread(self.run_pending)

    def progress(self, job_id: int) -> Progress | None:
        """How far a job running in this process has come, if it is."""
        return self.live.get(job_id)

    def _recover(self) -> None:
        with self.db.session() as session:
            jobs.recover_interrupted(session=session)

    def run_pending(self) -> int:
        """Run queued jobs until none is left; return how many ran."""
        ran = 0
        while not self.stopping:
            with self.db.session() as session:
                claimed = jobs.claim_next(session=session)
            if claimed is None:
                return ran
            self.run(claimed)
            ran += 1
        return ran

    def run(self, claimed: jobs.Claimed) -> None:
        """Read, check and save one workbook; the job ends succeeded or failed, never half."""
        job_id, track = claimed.job_id, _Tracker(self, claimed.job_id)
        try:
            parsed = read_workbook(claimed.content, windows=claimed.windows, progress=track)
            if not any(p["row"] == 1 for p in parsed.problems):  # headers wrong: fix them first
                validate(parsed, progress=track)
            if parsed.problems:
                raise ImportRefused(parsed.problems)
            with self.db.session() as session:
                result = save_matters(session=session, parsed=parsed, actor=claimed.actor,
                                      progress=track)
                jobs.succeed(session=session, job_id=job_id, result=result,
                             total=len(parsed.matters))
        except ImportRefused as exc:
            self._fail(job_id, exc.problems)
        except WorkbookRefused as exc:
            self._fail(job_id, [CellRef("", 0, "").problem(str(exc))])
        except Exception as exc:
            log.exception("excel_import_crashed", job_id=job_id, error=repr(exc))
            self._fail(job_id, [CellRef("", 0, "").problem(
                "导入时发生意外错误，没有保存任何内容；错误已记录，请稍后重试。")])
        finally:
            self.live.pop(job_id, None)

    def _fail(self, job_id: int, problems: list[dict[str, Any]]) -> None:
        with self.db.session() as session:
            jobs.fail(session=session, job_id=job_id, problems=problems)
