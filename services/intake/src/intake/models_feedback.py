"""Intake tables of what people say back: ratings (好差评) and the rectifications a bad one
opens, complaints (监督投诉) and each complaint's timeline."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from intake.db import registry
from kit.columns import json_column, timestamp


class FeedbackTable(SQLModel, registry=registry):
    """Base of the feedback tables (schema `intake`, the same registry as intake.models)."""


class Rating(FeedbackTable, table=True):
    """One rating of one subject: a closed case (`case`, its application id) or a hall visit
    (`visit`, its ticket's day and number, e.g. `2026-12-01/A012`); the matter and department
    (a case's) or the window (a visit's) are copied for the aggregates."""

    __tablename__ = "rating"
    __table_args__ = (UniqueConstraint("subject_kind", "subject_ref"),)

    id: int | None = Field(default=None, primary_key=True)
    subject_kind: str = Field(max_length=20)
    subject_ref: str = Field(max_length=40)
    application_id: int | None = Field(default=None, index=True)
    implementation_code: str | None = Field(default=None, max_length=50, index=True)
    matter_name: str | None = Field(default=None, max_length=200)
    department_code: str | None = Field(default=None, max_length=18, index=True)
    department_name: str | None = Field(default=None, max_length=100)
    window: str | None = Field(default=None, max_length=40, index=True)
    rater: str = Field(max_length=120)
    score: int
    tags: list[str] = json_column(nullable=False)
    comment: str | None = Field(default=None, max_length=1000)
    rated_at: datetime = timestamp(nullable=False)


class Rectification(FeedbackTable, table=True):
    """The rectification (整改) a 差评 (1–2) opens for the department: a call-back to the
    applicant (回访) and an outcome (整改结果), due in 15 working days."""

    __tablename__ = "rectification"

    id: int | None = Field(default=None, primary_key=True)
    rating_id: int = Field(unique=True)
    application_id: int | None = Field(default=None, index=True)
    department_code: str | None = Field(default=None, max_length=18, index=True)
    state: str = Field(max_length=20, index=True)  # open | closed
    opened_at: datetime = timestamp(nullable=False)
    due_date: date
    callback_at: datetime | None = timestamp(nullable=True)
    callback_by: str | None = Field(default=None, max_length=120)
    callback_note: str | None = Field(default=None, max_length=2000)
    outcome: str | None = Field(default=None, max_length=2000)
    closed_at: datetime | None = timestamp(nullable=True)
    closed_by: str | None = Field(default=None, max_length=120)


class Complaint(FeedbackTable, table=True):
    """A complaint (投诉) about a case, a matter, a department or the hall, followed by its
    number and query code; the complainant's phone only sealed (intake.identity)."""

    __tablename__ = "complaint"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=30, unique=True)
    query_code: str = Field(max_length=12)
    subject_kind: str = Field(max_length=20)
    subject_ref: str | None = Field(default=None, max_length=50)
    application_id: int | None = Field(default=None, index=True)
    department_code: str | None = Field(default=None, max_length=18, index=True)
    complainant_sub: str | None = Field(default=None, max_length=120, index=True)
    complainant_name: str = Field(max_length=100)
    contact_sealed: str | None = Field(default=None, max_length=1000)
    content: str = Field(max_length=4000)
    state: str = Field(max_length=20, index=True)  # filed | accepted | answered | closed
    assigned_to: str | None = Field(default=None, max_length=120, index=True)
    filed_at: datetime = timestamp(nullable=False)
    due_date: date
    answer: str | None = Field(default=None, max_length=4000)
    answered_at: datetime | None = timestamp(nullable=True)
    closed_at: datetime | None = timestamp(nullable=True)
    score: int | None = None
    rated_at: datetime | None = timestamp(nullable=True)


class ComplaintStep(FeedbackTable, table=True):
    """One step of a complaint's timeline; investigation notes are not shown to the
    complainant (`public` false)."""

    __tablename__ = "complaint_step"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(index=True)
    kind: str = Field(max_length=20)
    public: bool
    text: str | None = Field(default=None, max_length=4000)
    at: datetime = timestamp(nullable=False)
    actor: str = Field(max_length=120)


class ComplaintCounter(FeedbackTable, table=True):
    """The last sequence number given on one day (China's date) to a complaint number."""

    __tablename__ = "complaint_counter"

    day: date = Field(primary_key=True)
    last: int
