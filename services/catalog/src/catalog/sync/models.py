"""Tables of the provincial API: the batches already applied and the anomalies received."""

from datetime import datetime
from typing import Any

from sqlmodel import Field

from catalog.models import CatalogTable
from kit.columns import json_column, timestamp


class SyncBatch(CatalogTable, table=True):
    """A basic-catalog batch already applied, with the response it got."""

    __tablename__ = "sync_batch"

    batch_id: str = Field(primary_key=True, max_length=50)
    response: dict[str, Any] = json_column(nullable=True)
    received_at: datetime = timestamp(nullable=False)


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
