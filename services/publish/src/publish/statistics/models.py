"""Closed cases and case ratings as intake sent them: no personal data."""

from datetime import date, datetime

from sqlalchemy import Column, Integer
from sqlmodel import Field

from kit.columns import timestamp
from publish.models import PublishTable


class ClosedCase(PublishTable, table=True):
    """One decided case: matter, department, dates, the days it took against its limits."""

    __tablename__ = "closed_case"

    case_id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    implementation_code: str = Field(max_length=50, index=True)
    matter_name: str = Field(max_length=200)
    department_code: str = Field(max_length=50, index=True)
    department_name: str = Field(max_length=100)
    window: str | None = Field(default=None, max_length=50)
    channel: str = Field(max_length=10)  # online, hall
    filed_on: date
    accepted_on: date | None = None
    decided_on: date = Field(index=True)
    days_used: int | None = None
    committed_limit: int
    statutory_limit: int | None = None
    limit_unit: str = Field(max_length=20)
    overdue: bool
    outcome: str = Field(max_length=20)
    received_at: datetime = timestamp(nullable=False)


class CaseRating(PublishTable, table=True):
    """One applicant's rating (1–5) of a closed case, for the satisfaction figures."""

    __tablename__ = "case_rating"

    rating_id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    implementation_code: str | None = Field(default=None, max_length=50, index=True)
    matter_name: str | None = Field(default=None, max_length=200)
    department_code: str | None = Field(default=None, max_length=50, index=True)
    department_name: str | None = Field(default=None, max_length=100)
    score: int
    rated_on: date = Field(index=True)
    received_at: datetime = timestamp(nullable=False)
