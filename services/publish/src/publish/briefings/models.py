"""The briefing table: one row per briefing, its body a JSON document of plain-text sections."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from kit.columns import json_column, timestamp
from publish.models import PublishTable


class Briefing(PublishTable, table=True):
    """A briefing (简报): draft → submitted → approved → published (第N期 once published)."""

    __tablename__ = "briefing"
    __table_args__ = (UniqueConstraint("number"),)

    id: int | None = Field(default=None, primary_key=True)
    number: int | None = Field(default=None)  # 第N期, given at publication, without gaps
    title: str = Field(max_length=200)
    period_start: date
    period_end: date
    body: dict[str, Any] = json_column(nullable=False)  # {"sections": [{heading, paragraphs}]}
    state: str = Field(max_length=20, index=True)
    return_reason: str | None = Field(default=None, max_length=1000)
    author: str = Field(max_length=120)
    author_name: str = Field(max_length=120)
    approver: str | None = Field(default=None, max_length=120)
    approver_name: str | None = Field(default=None, max_length=120)
    publisher: str | None = Field(default=None, max_length=120)
    created_at: datetime = timestamp(nullable=False)
    updated_at: datetime = timestamp(nullable=False)
    submitted_at: datetime | None = timestamp(nullable=True)
    approved_at: datetime | None = timestamp(nullable=True)
    published_at: datetime | None = timestamp(nullable=True)
