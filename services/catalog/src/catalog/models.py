"""The tables every part of the catalog reads: departments, windows, matters and their
versioned standards, the basic catalog, the provincial feed, and the outbox, inbox and audit."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Index, LargeBinary, UniqueConstraint, func, literal_column
from sqlmodel import Field, SQLModel

from catalog.db import metadata, registry
from kit.audit import audit_table
from kit.columns import json_column, timestamp
from kit.outbox import inbox_table, outbox_table


class CatalogTable(SQLModel, registry=registry):
    """Base of every catalog table (schema `catalog`)."""


class Department(CatalogTable, table=True):
    """An implementing body (实施主体), identified by its unified social credit code."""

    code: str = Field(primary_key=True, max_length=18)
    name: str = Field(max_length=100)
    is_pilot: bool = False
    # the department it belongs to (a bureau's sub-office, a centre under a bureau)
    parent_code: str | None = Field(default=None, max_length=18,
                                    foreign_key="catalog.department.code")


class Window(CatalogTable, table=True):
    """One window of the service hall; every matter is handled at exactly one."""

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=100)
    address: str | None = Field(default=None, max_length=200)  # where it is in the hall
    hours: str | None = Field(default=None, max_length=200)  # opening hours, as posted
    phone: str | None = Field(default=None, max_length=40)


class MaterialFile(CatalogTable, table=True):
    """A blank form or filled-in sample an editor uploaded: its bytes are in the file store
    under their SHA-256, the name and type here."""

    __tablename__ = "material_file"

    sha256: str = Field(primary_key=True, max_length=64)
    file_name: str = Field(max_length=120)
    content_type: str = Field(max_length=100)
    size: int
    uploaded_by: str = Field(max_length=120)
    uploaded_at: datetime = timestamp(nullable=False)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class DepartmentWindow(CatalogTable, table=True):
    """A window of the hall where a department's matters are received (部门进驻窗口)."""

    __tablename__ = "department_window"

    department_code: str = Field(primary_key=True, max_length=18, ondelete="CASCADE",
                                 foreign_key="catalog.department.code")
    window_code: str = Field(primary_key=True, max_length=40, ondelete="CASCADE",
                             foreign_key="catalog.window.code")


class Matter(CatalogTable, table=True):
    """One matter's identity; its standard lives in versions."""

    id: int | None = Field(default=None, primary_key=True)
    implementation_code: str = Field(max_length=50, unique=True)
    basic_code: str = Field(max_length=50, index=True)
    name: str = Field(max_length=200, index=True)
    department_code: str = Field(max_length=18, index=True)
    current_version: int | None = None  # the published version in force
    cancelled_at: datetime | None = timestamp(nullable=True)
    created_at: datetime = timestamp(nullable=False)
    # The latest version's number, state, type and window, for the catalog's filters; kept by
    # catalog.matters.repository.keep_latest, which every write of a version calls.
    latest_version: int | None = None
    latest_state: str | None = Field(default=None, max_length=20)
    matter_type: str | None = Field(default=None, max_length=2)
    window_code: str | None = Field(default=None, max_length=40)


class MatterVersion(CatalogTable, table=True):
    """One version of a matter standard: draft → submitted → in review → approved → published."""

    __tablename__ = "matter_version"

    __table_args__ = (UniqueConstraint("matter_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="catalog.matter.id", index=True)
    version: int
    state: str = Field(max_length=20, index=True)
    standard: dict[str, Any] = json_column(nullable=True)
    effective_from: date
    revision: int = 1  # bumped on every write; the ETag
    feedback: dict[str, Any] | None = json_column(nullable=True)
    # the linter's findings, as of the last save
    findings: list[dict[str, str]] | None = json_column(nullable=True)
    submitted_at: datetime | None = timestamp(nullable=True)
    approved_at: datetime | None = timestamp(nullable=True)
    published_at: datetime | None = timestamp(nullable=True)
    updated_at: datetime = timestamp(nullable=False)
    updated_by: str = Field(max_length=120)


class BaseCatalogEntry(CatalogTable, table=True):
    """An entry of the provincial basic catalog (基本目录), pushed by the province."""

    __tablename__ = "base_catalog_entry"

    basic_code: str = Field(primary_key=True, max_length=50)
    name: str = Field(max_length=200)
    matter_type: str = Field(max_length=2)
    exercise_level: str = Field(max_length=1)
    legal_basis: list[dict[str, Any]] | None = json_column(nullable=True)
    cancelled: bool = False
    updated_at: datetime = timestamp(nullable=False)


class FeedEntry(CatalogTable, table=True):
    """One publication or cancellation, in the order it happened: the provincial feed."""

    __tablename__ = "feed_entry"

    seq: int | None = Field(default=None, primary_key=True)
    operation: str = Field(max_length=10)
    implementation_code: str = Field(max_length=50)
    version: int
    document: dict[str, Any] = json_column(nullable=True)
    at: datetime = timestamp(nullable=False)
    # Pilot first: None = the current pilot setting decides; "shown", "held" (not for the
    # province), "released" (held, then re-announced at the end of the feed); see catalog.pilots.
    release_state: str | None = Field(default=None, max_length=10)


outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
audit = audit_table(metadata)


# --- catalog search: indexes of the list's filters, which read the latest version kept on matter
matter_table = Matter.__table__  # type: ignore[attr-defined]  # set by SQLModel, undeclared
for _column in ("department_code", "latest_state", "matter_type", "window_code"):
    Index(f"ix_matter_{_column}_code", matter_table.c[_column], matter_table.c.implementation_code)
for _column in ("name", "implementation_code"):  # substring search: trigrams on PostgreSQL
    Index(f"ix_matter_lower_{_column}_trgm", func.lower(matter_table.c[_column]),
          postgresql_using="gin", postgresql_ops={f"lower_{_column}": "gin_trgm_ops"})
# two-character search: the bigrams of name and code (PostgreSQL; migration 0010_bigrams)
Index("ix_matter_bigrams", func.catalog.bigrams(
    matter_table.c.name.op("||")(literal_column("' '")).op("||")(
        matter_table.c.implementation_code)), postgresql_using="gin")

