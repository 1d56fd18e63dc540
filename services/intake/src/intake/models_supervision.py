"""Electronic supervision (电子监察) of running applications: each warning raised on a case
(yellow: most of its committed limit used; red: overdue) and how it was resolved."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from intake.models import IntakeTable, owned_by_application
from kit.columns import timestamp


class CaseWarning(IntakeTable, table=True):
    """One warning of one case at one level, recorded once (the sweep finds it there), open
    until the case is decided, its clock paused, or a supervisor explains it."""

    __tablename__ = "case_warning"
    __table_args__ = (UniqueConstraint("application_id", "level"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = owned_by_application()
    department_code: str = Field(max_length=18, index=True)
    level: str = Field(max_length=10)  # yellow, red
    raised_at: datetime = timestamp(nullable=False)
    due_date: date | None = None
    days_used: int | None = None
    limit: int
    # decided_in_time, decided_late, paused, explained, closed (withdrawn or not accepted)
    resolution: str | None = Field(default=None, max_length=20, index=True)
    resolved_at: datetime | None = timestamp(nullable=True)
    resolved_by: str | None = Field(default=None, max_length=120)
    note: str | None = Field(default=None, max_length=1000)
