"""Intake tables: pinned matter versions, applications, materials, notices, history, the
hall's tickets (models_hall), joint sign-offs (models_joint)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from intake.db import metadata, registry
from kit.audit import audit_table
from kit.columns import json_column, timestamp
from kit.outbox import inbox_table, outbox_table


class IntakeTable(SQLModel, registry=registry):
    """Base of every intake table (schema `intake`)."""


def owned_by_application() -> Any:
    """The application a row belongs to; the row goes when the application goes."""
    return Field(sa_column=Column(
        Integer, ForeignKey("intake.application.id", ondelete="CASCADE"),
        nullable=False, index=True))


class Matter(IntakeTable, table=True):
    """A published matter as intake knows it: its version in force, open or cancelled."""

    __tablename__ = "matter"

    implementation_code: str = Field(primary_key=True, max_length=50)
    current_version: int
    # The applicant's correction period (补正期限) in calendar days; None: the intake setting.
    correction_days: int | None = None
    cancelled_version: int | None = None  # publishing a later version reopens the matter
    cancelled_at: datetime | None = timestamp(nullable=True)
    updated_at: datetime = timestamp(nullable=False)


class MatterVersion(IntakeTable, table=True):
    """A pinned copy of one published version; never changed once stored."""

    __tablename__ = "matter_version"
    __table_args__ = (UniqueConstraint("implementation_code", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    name: str = Field(max_length=200)
    department_code: str = Field(max_length=18)
    department_name: str = Field(max_length=100)
    window: str | None = Field(default=None, max_length=40, index=True)  # the hall's window
    committed_limit: int
    limit_unit: str = Field(max_length=20)
    materials: list[dict[str, Any]] = json_column(nullable=False)
    document: dict[str, Any] = json_column(nullable=False)
    published_at: datetime | None = timestamp(nullable=True)
    received_at: datetime = timestamp(nullable=False)


class Application(IntakeTable, table=True):
    """One case (办件) filed by an applicant, pinned to the matter version it was filed under."""

    __tablename__ = "application"
    __table_args__ = (Index("ix_intake_application_state_id", "state", "id"),  # the queues
                      Index("ix_intake_application_window_state_id", "window", "state", "id"))

    # The pinned version is referenced by its natural key, without a foreign key: versions
    # are never deleted, and the test suite empties tables in any order.
    id: int | None = Field(default=None, primary_key=True)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    department_code: str = Field(max_length=18, index=True)
    window: str | None = Field(default=None, max_length=40)  # the pinned version's, at filing
    state: str = Field(max_length=30)  # indexed with the id, above
    applicant_sub: str = Field(max_length=120, index=True)
    applicant_name: str = Field(max_length=200)
    enterprise: str | None = Field(default=None, max_length=18, index=True)
    agent_sub: str | None = Field(default=None, max_length=120)  # the mandated butler (代办人)
    agent_name: str | None = Field(default=None, max_length=100)
    # 办件编号 (zone, day, sequence) and the short code that lets its holder follow the case.
    case_number: str = Field(max_length=30, unique=True)
    query_code: str = Field(max_length=12)
    # Who applies: a person or an enterprise; the personal numbers only sealed (identity.py).
    applicant_kind: str = Field(default="person", max_length=20)
    credit_code: str | None = Field(default=None, max_length=18)
    legal_representative: str | None = Field(default=None, max_length=100)
    identity_sealed: str | None = Field(default=None, max_length=1000)
    id_number_hash: str | None = Field(default=None, max_length=64, index=True)
    incomplete: bool = False  # filed although the pre-check found something (confirmed)
    note: str | None = Field(default=None, max_length=2000)
    submitted_at: datetime = timestamp(nullable=False)
    accepted_at: datetime | None = timestamp(nullable=True)
    due_date: date | None = None
    decision: str | None = Field(default=None, max_length=20)
    opinion: str | None = Field(default=None, max_length=4000)
    result_name: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = timestamp(nullable=True)
    decided_by: str | None = Field(default=None, max_length=120)
    # 不予受理: ground, reason, legal basis, competent body (when outside competence), who, when.
    non_acceptance: dict[str, Any] | None = json_column(nullable=True)
    correction_deadline: date | None = None  # the last day to hand in the asked corrections
    updated_at: datetime = timestamp(nullable=False)


class Material(IntakeTable, table=True):
    """One uploaded file of an application: metadata here, the bytes in the file store under
    their SHA-256 (rows from before the store keep theirs in `content`)."""

    __tablename__ = "material"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = owned_by_application()
    slot: int | None = None  # index of the pinned version's material it answers
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)  # detected from the bytes, never the client's
    size: int
    sha256: str = Field(max_length=64, index=True)
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    uploaded_at: datetime = timestamp(nullable=False)
    uploaded_by: str = Field(max_length=120)


class CorrectionNotice(IntakeTable, table=True):
    """A one-time notice (一次性告知) listing every missing or wrong material."""

    __tablename__ = "correction_notice"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = owned_by_application()
    items: list[dict[str, Any]] = json_column(nullable=False)
    issued_at: datetime = timestamp(nullable=False)
    issued_by: str = Field(max_length=120)


class StateChange(IntakeTable, table=True):
    """One step of an application's history."""

    __tablename__ = "state_change"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = owned_by_application()
    from_state: str | None = Field(default=None, max_length=30)
    to_state: str = Field(max_length=30)
    at: datetime = timestamp(nullable=False)
    actor: str = Field(max_length=120)


class CaseCounter(IntakeTable, table=True):
    """The last sequence number given on one day (China's date) to a 办件编号."""

    __tablename__ = "case_counter"

    day: date = Field(primary_key=True)
    last: int


class IdempotencyKey(IntakeTable, table=True):
    """The first answer to a filing sent with an `Idempotency-Key`, replayed on retries."""

    __tablename__ = "idempotency_key"

    subject: str = Field(primary_key=True, max_length=120)
    key: str = Field(primary_key=True, max_length=255)
    fingerprint: str = Field(max_length=64)
    application_id: int | None = None
    response: dict[str, Any] | None = json_column(nullable=True)
    created_at: datetime = timestamp(nullable=False)


class Document(IntakeTable, table=True):
    """A document issued on a case (收件凭证, 受理通知书, …): the facts it prints, snapshotted
    when issued; its PDF, rendered from them, in the file store under `sha256`."""

    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = owned_by_application()
    kind: str = Field(max_length=30)
    verification_code: str = Field(max_length=32, unique=True)
    facts: dict[str, Any] = json_column(nullable=False)
    issued_at: datetime = timestamp(nullable=False)
    sha256: str | None = Field(default=None, max_length=64, index=True)
    rendered_at: datetime | None = timestamp(nullable=True)


class Mandate(IntakeTable, table=True):
    """An enterprise's mandate to a butler (代办授权): granted, accepted, until it expires or
    either side revokes it; all matters or the listed ones (mandate_matter)."""

    __tablename__ = "mandate"

    id: int | None = Field(default=None, primary_key=True)
    enterprise: str = Field(max_length=18, index=True)
    enterprise_name: str = Field(max_length=200)
    butler_sub: str = Field(max_length=120, index=True)
    butler_name: str = Field(max_length=100)
    all_matters: bool = True
    expires_on: date
    granted_by: str = Field(max_length=120)
    granted_at: datetime = timestamp(nullable=False)
    accepted_at: datetime | None = timestamp(nullable=True)
    revoked_by: str | None = Field(default=None, max_length=120)
    revoked_at: datetime | None = timestamp(nullable=True)
    revoke_reason: str | None = Field(default=None, max_length=500)


class MandateMatter(IntakeTable, table=True):
    """One matter a mandate limited to a list covers."""

    __tablename__ = "mandate_matter"

    mandate_id: int = Field(sa_column=Column(
        Integer, ForeignKey("intake.mandate.id", ondelete="CASCADE"), primary_key=True))
    implementation_code: str = Field(primary_key=True, max_length=50)


class Project(IntakeTable, table=True):
    """An enterprise's project (私人定制): a request for a butler, then the butler's list of
    matters (project_item)."""

    __tablename__ = "project"

    id: int | None = Field(default=None, primary_key=True)
    enterprise: str = Field(max_length=18, index=True)
    enterprise_name: str = Field(max_length=200)
    requested_by: str = Field(max_length=120)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)  # new_plant, extension, other
    description: str = Field(max_length=2000)
    location: str = Field(max_length=200)
    butler_sub: str | None = Field(default=None, max_length=120, index=True)
    butler_name: str | None = Field(default=None, max_length=100)
    assigned_by: str | None = Field(default=None, max_length=120)
    assigned_at: datetime | None = timestamp(nullable=True)
    created_at: datetime = timestamp(nullable=False)
    updated_at: datetime = timestamp(nullable=False)


class ProjectItem(IntakeTable, table=True):
    """One matter of a project's list, in its place, with what it needs (copied from the
    version in force when it was listed) and the application filed for it."""

    __tablename__ = "project_item"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=Column(
        Integer, ForeignKey("intake.project.id", ondelete="CASCADE"), nullable=False,
        index=True))
    position: int
    implementation_code: str = Field(max_length=50)
    matter_name: str = Field(max_length=200)
    department_name: str = Field(max_length=100)
    committed_limit: int
    limit_unit: str = Field(max_length=20)
    materials: list[dict[str, Any]] = json_column(nullable=False)
    application_id: int | None = Field(default=None, index=True)
    added_at: datetime = timestamp(nullable=False)


class ClockEntry(IntakeTable, table=True):
    """One entry of an application's legal clock (办理时限台账): started, paused, resumed,
    extended; `due_date` is the due date as recomputed after it (None: unknown)."""

    __tablename__ = "clock_entry"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = owned_by_application()
    kind: str = Field(max_length=20)  # started, paused, resumed, extended
    cause: str | None = Field(default=None, max_length=100)  # correction, deemed, 听证…
    day: date  # China's date the entry takes effect
    days: int | None = None  # an extension's length
    note: str | None = Field(default=None, max_length=1000)  # public: no personal data
    due_date: date | None = None
    at: datetime = timestamp(nullable=False)
    actor: str = Field(max_length=120)


class HolidayYear(IntakeTable, table=True):
    """One year of the national calendar: its holidays and swapped working days (调休);
    `provisional` until the State Council's notice is entered."""

    __tablename__ = "holiday_year"

    year: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    holidays: list[str] = json_column(nullable=False)  # ISO dates off work
    workdays: list[str] = json_column(nullable=False)  # ISO weekend dates worked
    provisional: bool = False
    source: str = Field(max_length=40)  # chinese_calendar, admin, demo
    updated_at: datetime = timestamp(nullable=False)
    updated_by: str = Field(max_length=120)


# Ratings, rectifications, complaints, the hall's tickets, supervision: their own modules.
from intake import models_feedback, models_hall, models_joint, models_supervision  # noqa: E402, F401

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
audit = audit_table(metadata)
