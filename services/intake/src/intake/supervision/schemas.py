"""What supervision answers: running cases with their colour, warnings, an explanation."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from kit.types import Input


class SupervisedCase(BaseModel):
    """A running case's metadata and timeliness (never the applicant, the files or notes)."""

    application_id: int
    case_number: str
    implementation_code: str
    matter_name: str
    department_code: str
    department_name: str
    window: str | None
    state: str
    accepted_at: datetime | None
    due_date: date | None
    days_used: int | None
    limit: int
    unit: str
    paused: str | None
    colour: str | None
    open_warnings: int = 0


class WarningOut(BaseModel):
    """One warning of a case and its resolution."""

    id: int
    application_id: int
    level: str
    raised_at: datetime
    due_date: date | None
    days_used: int | None
    limit: int
    resolution: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    note: str | None


class ListedWarning(WarningOut):
    """A warning on the supervisors' list, with its case's metadata."""

    case_number: str
    matter_name: str
    department_code: str
    department_name: str


class CaseWarnings(BaseModel):
    """A case (while running: its colour) and every warning raised on it."""

    case: SupervisedCase
    warnings: list[WarningOut]


class ExplanationIn(Input):
    """A supervisor's explanation that resolves an open warning."""

    note: str = Field(min_length=1, max_length=1000)
