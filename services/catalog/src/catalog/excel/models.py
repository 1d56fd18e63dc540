"""The import job: one uploaded workbook, its progress and its outcome."""

from datetime import datetime
from typing import Any

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field

from catalog.models import CatalogTable
from kit.columns import json_column, timestamp


class ExcelImportJob(CatalogTable, table=True):
    """An uploaded workbook being read, checked and saved as drafts, all or nothing."""

    __tablename__ = "excel_import_job"

    id: int | None = Field(default=None, primary_key=True)
    department: str | None = Field(default=None, max_length=18, index=True)
    filename: str = Field(max_length=200)
    # queued → running → succeeded | failed
    state: str = Field(default="queued", max_length=12, index=True)
    phase: str | None = Field(default=None, max_length=12)  # reading | checking | saving
    total: int = 0  # of the phase: rows to read, then matters to check, then to save
    done: int = 0
    errors: list[dict[str, Any]] | None = json_column(nullable=True)
    error_count: int = 0
    result: dict[str, Any] | None = json_column(nullable=True)
    workbook: bytes | None = Field(default=None, sa_column=Column(LargeBinary))  # until read
    created_by: str = Field(max_length=120)
    # the uploader's roles, to save the drafts as them
    roles: list[str] | None = json_column(nullable=True)
    created_at: datetime = timestamp(nullable=False)
    started_at: datetime | None = timestamp(nullable=True)
    finished_at: datetime | None = timestamp(nullable=True)
    updated_at: datetime = timestamp(nullable=False)
