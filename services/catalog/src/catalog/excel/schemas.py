"""What the Excel API returns: import jobs with their progress, problems and drafts."""

from datetime import datetime

from pydantic import BaseModel


class ImportProblem(BaseModel):
    """One problem of the file: sheet, row (1 = headers), column letter and header, message."""

    sheet: str
    row: int
    column: str
    header: str = ""
    message: str


class ImportedMatter(BaseModel):
    """One matter of a successful import and the draft it became (or stayed)."""

    implementation_code: str
    name: str
    version: int
    state: str
    row: int
    lint_errors: int = 0
    lint_warnings: int = 0


class ImportJobRead(BaseModel):
    """An import job: its phase (reading rows, checking matters, saving matters), `done` of
    `total` in that phase, and `percent` of the whole job."""

    id: int
    filename: str
    department: str | None
    state: str
    phase: str | None
    total: int
    done: int
    percent: int
    errors: list[ImportProblem]
    error_count: int
    result: dict[str, list[ImportedMatter]] | None
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
