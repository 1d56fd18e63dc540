"""Catalog tables: departments, windows, matters and their versioned standards, the sync log."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from catalog.db import metadata, registry
from kit.audit import audit_table
from kit.db import UtcDateTime
from kit.outbox import inbox_table, outbox_table


class CatalogTable(SQLModel, registry=registry):
    """Base of every catalog table (schema `catalog`)."""


def json_column() -> Any:
    return Field(default=None, sa_column=Column(JSON))


def timestamp(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(UtcDateTime(), nullable=nullable))


class Department(CatalogTable, table=True):
    """An implementing body (实施主体), identified by its unified social credit code."""

    code: str = Field(primary_key=True, max_length=18)
    name: str = Field(max_length=100)
    is_pilot: bool = False


class Window(CatalogTable, table=True):
    """One window of the service hall; every matter is handled at exactly one."""

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=100)


class Matter(CatalogTable, table=True):
    """One matter's identity; its standard lives in versions."""

    id: int | None = Field(default=None, primary_key=True)
    implementation_code: str = Field(max_length=50, unique=True)
    basic_code: str = Field(max_length=50, index=True)
    name: str = Field(max_length=200, index=True)
    department_code: str = Field(max_length=18, index=True)
    current_version: int | None = None  # the published version in force
    cancelled_at: datetime | None = timestamp()
    created_at: datetime = timestamp(nullable=False)


class MatterVersion(CatalogTable, table=True):
    """One version of a matter standard: draft → submitted → in review → approved → published."""

    __tablename__ = "matter_version"

    __table_args__ = (UniqueConstraint("matter_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="catalog.matter.id", index=True)
    version: int
    state: str = Field(max_length=20, index=True)
    standard: dict[str, Any] = json_column()
    effective_from: date
    revision: int = 1  # bumped on every write; the ETag
    feedback: dict[str, Any] | None = json_column()
    findings: list[dict[str, str]] | None = json_column()  # the linter's, as of the last save
    submitted_at: datetime | None = timestamp()
    approved_at: datetime | None = timestamp()
    published_at: datetime | None = timestamp()
    updated_at: datetime = timestamp(nullable=False)
    updated_by: str = Field(max_length=120)


class BaseCatalogEntry(CatalogTable, table=True):
    """An entry of the provincial basic catalog (基本目录), pushed by the province."""

    __tablename__ = "base_catalog_entry"

    basic_code: str = Field(primary_key=True, max_length=50)
    name: str = Field(max_length=200)
    matter_type: str = Field(max_length=2)
    exercise_level: str = Field(max_length=1)
    legal_basis: list[dict[str, Any]] | None = json_column()
    cancelled: bool = False
    updated_at: datetime = timestamp(nullable=False)


class SyncBatch(CatalogTable, table=True):
    """A basic-catalog batch already applied, with the response it got."""

    __tablename__ = "sync_batch"

    batch_id: str = Field(primary_key=True, max_length=50)
    response: dict[str, Any] = json_column()
    received_at: datetime = timestamp(nullable=False)


class FeedEntry(CatalogTable, table=True):
    """One publication or cancellation, in the order it happened: the provincial feed."""

    __tablename__ = "feed_entry"

    seq: int | None = Field(default=None, primary_key=True)
    operation: str = Field(max_length=10)
    implementation_code: str = Field(max_length=50)
    version: int
    document: dict[str, Any] = json_column()
    at: datetime = timestamp(nullable=False)


class Anomaly(CatalogTable, table=True):
    """A problem the province found in what it pulled; open until the department resolves it."""

    anomaly_id: str = Field(primary_key=True, max_length=50)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    department_code: str = Field(max_length=18, index=True)
    field: str = Field(max_length=200)
    message: str = Field(max_length=2000)
    severity: str = Field(max_length=10)
    status: str = Field(default="open", max_length=10)
    resolution: str | None = None
    received_at: datetime = timestamp(nullable=False)


outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
audit = audit_table(metadata)
