"""Archived progress reports: one snapshot of the figures per period."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from kit.columns import json_column, timestamp
from publish.models import PublishTable


class ProgressReport(PublishTable, table=True):
    """The progress report of one period (monthly or weekly), as generated: its figures are a
    JSON snapshot, never recomputed; "generate now" replaces the period's partial report."""

    __tablename__ = "progress_report"
    __table_args__ = (UniqueConstraint("cadence", "period_start"),)

    id: int | None = Field(default=None, primary_key=True)
    cadence: str = Field(max_length=10)
    period_start: date
    period_end: date  # the last day of the period
    partial: bool  # generated before the period ended ("so far")
    generated_at: datetime = timestamp(nullable=False)
    generated_by: str = Field(max_length=120)
    figures: dict[str, Any] = json_column(nullable=False)
