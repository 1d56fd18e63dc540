"""Intake tables: pinned matter versions, applications, materials, notices, history, the
hall's tickets (models_hall)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, UniqueConstraint
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

    # The pinned version is referenced by its natural key, without a foreign key: versions
    # are never deleted, and the test suite empties tables in any order.
    id: int | None = Field(default=None, primary_key=True)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    department_code: str = Field(max_length=18, index=True)
    state: str = Field(max_length=30, index=True)
    applicant_sub: str = Field(max_length=120, index=True)
    applicant_name: str = Field(max_length=200)
    enterprise: str | None = Field(default=None, max_length=18, index=True)
    # 办件编号 (zone, day, sequence) and the short code that lets its holder follow the case.
    case_number: str = Field(max_length=30, unique=True)
    query_code: str = Field(max_length=12)
    # Who applies: a person or an enterprise; the personal numbers only sealed (identity.py).
    applicant_kind: str = Field(default="person", max_length=20)
    credit_code: str | None = Field(default=None, max_length=18)
    legal_representative: str | None = Field(default=None, max_length=100)
    identity_sealed: str | None = Field(default=None, max_length=1000)
    id_number_hash: str | None = Field(default=None, max_length=64, index=True)
    # Filed although the pre-check found something missing or wrong (the applicant confirmed).
    incomplete: bool = False
    note: str | None = Field(default=None, max_length=2000)
    submitted_at: datetime = timestamp(nullable=False)
    accepted_at: datetime | None = timestamp(nullable=True)
    due_date: date | None = None
    decision: str | None = Field(default=None, max_length=20)
    opinion: str | None = Field(default=None, max_length=4000)
    result_name: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = timestamp(nullable=True)
    decided_by: str | None = Field(default=None, max_length=120)
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


from intake.models_hall import HallTicket, TicketCounter  # noqa: E402, F401  (after IntakeTable)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
audit = audit_table(metadata)
