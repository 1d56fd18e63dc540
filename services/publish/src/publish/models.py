"""Publish tables: the public read model, a denormalized copy of what catalog published."""

from datetime import datetime
from typing import Any

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from kit.audit import audit_table
from kit.columns import json_column, timestamp
from kit.outbox import inbox_table
from publish.db import metadata, registry


class PublishTable(SQLModel, registry=registry):
    """Base of every publish table (schema `publish`)."""


class PublicMatter(PublishTable, table=True):
    """A matter on the public lists: its current published version, flattened for queries."""

    __tablename__ = "public_matter"

    implementation_code: str = Field(primary_key=True, max_length=50)
    version: int
    name: str
    search_text: str  # name and code, case-folded in Python: the same search on both databases
    matter_type: str = Field(max_length=10, index=True)
    department_code: str = Field(max_length=50, index=True)
    department_name: str
    window: str = Field(max_length=50, index=True)
    committed_limit: int
    statutory_limit: int
    limit_unit: str = Field(max_length=20)
    online: bool
    onsite_visits: int
    published_at: datetime = timestamp(nullable=False)
    document: dict[str, Any] = json_column(nullable=False)
    updated_at: datetime = timestamp(nullable=False)
    jsonld: dict[str, Any] | None = json_column(nullable=True)  # CPSV-AP, as catalog sent it
    # The window's address in the hall, hours and phone as catalog last sent them
    hall_window: dict[str, Any] | None = json_column(nullable=True)
    # The guide as the API answers it (the document with department_name and hall_window),
    # serialized when the publication is applied: a read sends these bytes as they are, under
    # `guide_etag` (the version and the bytes' digest).
    guide: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    guide_etag: str = Field(max_length=80)


class PublishedVersion(PublishTable, table=True):
    """Every published version received, current or not: the history of a service guide."""

    __tablename__ = "published_version"
    __table_args__ = (UniqueConstraint("implementation_code", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    document: dict[str, Any] = json_column(nullable=False)
    published_at: datetime = timestamp(nullable=False)
    received_at: datetime = timestamp(nullable=False)
    cancelled_at: datetime | None = timestamp(nullable=True)


class MatterCancellation(PublishTable, table=True):
    """The latest cancellation of a matter, kept so a delayed older publication stays out."""

    __tablename__ = "matter_cancellation"

    implementation_code: str = Field(primary_key=True, max_length=50)
    version: int
    cancelled_at: datetime = timestamp(nullable=False)


inbox = inbox_table(metadata)
audit = audit_table(metadata)
# Sub-packages' tables.
from publish.briefings import models as _briefings  # noqa: E402, F401
from publish.progress import models as _progress  # noqa: E402, F401
from publish.reform import models as _reform  # noqa: E402, F401
from publish.reports import models as _reports  # noqa: E402, F401
from publish.search import models as _search  # noqa: E402, F401
from publish.statistics import models as _statistics  # noqa: E402, F401
