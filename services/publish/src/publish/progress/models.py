"""Progress tables: the versions' moves (from catalog), the review's workload (from review),
and what the working group keeps here: targets, the deadline, leaders' departments, 督办."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from kit.columns import json_column, timestamp
from publish.models import PublishTable


class StateChange(PublishTable, table=True):
    """One move of a matter's version from one state to another (`matter_version.state_changed`)."""

    __tablename__ = "state_change"
    __table_args__ = (UniqueConstraint("implementation_code", "version", "to_state", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    name: str = Field(max_length=200)
    department_code: str = Field(max_length=50, index=True)
    department_name: str = Field(max_length=100)
    from_state: str | None = Field(default=None, max_length=20)
    to_state: str = Field(max_length=20)
    at: datetime = timestamp(nullable=False)
    received_at: datetime = timestamp(nullable=False)


class ReviewedCase(PublishTable, table=True):
    """One concluded review round (`review.workload`): its group and the standard's size."""

    __tablename__ = "reviewed_case"

    case_id: int = Field(primary_key=True)
    round: int
    group_code: str = Field(max_length=20, index=True)
    implementation_code: str = Field(max_length=50)
    version: int
    department_code: str = Field(max_length=50)
    decision: str = Field(max_length=20)
    elements: int
    characters: int
    concluded_at: datetime = timestamp(nullable=False)


class ReviewerShare(PublishTable, table=True):
    """A reviewer's part in one concluded round: opinions written, elements reviewed."""

    __tablename__ = "reviewer_share"

    case_id: int = Field(primary_key=True, foreign_key="publish.reviewed_case.case_id",
                         ondelete="CASCADE")
    reviewer: str = Field(primary_key=True, max_length=120)
    name: str = Field(max_length=120)
    opinions: int
    elements: int


class DepartmentTarget(PublishTable, table=True):
    """How many matters a department is to standardize (none: all of its matters)."""

    __tablename__ = "department_target"

    department_code: str = Field(primary_key=True, max_length=50)
    target: int
    updated_by: str = Field(max_length=120)
    updated_at: datetime = timestamp(nullable=False)


class ProgressSetting(PublishTable, table=True):
    """The zone's one row of settings: the deadline, the reform's start, the stall rule and
    the reports' cadence (the next period follows it)."""

    __tablename__ = "progress_setting"

    id: int = Field(default=1, primary_key=True)
    deadline: date | None = None
    started_on: date | None = None  # the straight line's start (none: the first move seen)
    stall_working_days: int = 10
    cadence: str = Field(default="monthly", max_length=10)
    backfill_periods: int = 0  # the demo's archive: past periods still to generate
    updated_by: str = Field(default="system", max_length=120)
    updated_at: datetime | None = timestamp(nullable=True)


class LeaderLink(PublishTable, table=True):
    """领导挂钩: a leader of the working group and one department they oversee."""

    __tablename__ = "leader_link"

    leader: str = Field(primary_key=True, max_length=120)
    department_code: str = Field(primary_key=True, max_length=50)
    leader_name: str = Field(max_length=120)


class Notice(PublishTable, table=True):
    """A 督办 notice to a flagged department: issued, answered, then closed or sent back."""

    __tablename__ = "supervision_notice"

    id: int | None = Field(default=None, primary_key=True)
    department_code: str = Field(max_length=50, index=True)
    department_name: str = Field(max_length=100)
    reason: str = Field(max_length=1000)
    action: str = Field(max_length=1000)
    due: date
    state: str = Field(default="open", max_length=10, index=True)  # open|answered|closed
    issued_by: str = Field(max_length=120)
    issued_by_name: str = Field(max_length=120)
    issued_at: datetime = timestamp(nullable=False)
    answer: str | None = Field(default=None, max_length=2000)
    answered_by: str | None = Field(default=None, max_length=120)
    answered_at: datetime | None = timestamp(nullable=True)
    closed_at: datetime | None = timestamp(nullable=True)
    late: bool = False  # answered after its due date
    history: list[dict[str, Any]] = json_column(nullable=False)
