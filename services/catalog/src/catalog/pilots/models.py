"""Zone-wide catalog settings (the pilot rollout switch) as key/value rows."""

from datetime import datetime
from typing import Any

from sqlmodel import Field

from catalog.models import CatalogTable
from kit.columns import json_column, timestamp


class CatalogSetting(CatalogTable, table=True):
    """One setting of the catalog an administrator changes, e.g. `pilot_rollout`."""

    __tablename__ = "catalog_setting"

    key: str = Field(primary_key=True, max_length=80)
    value: dict[str, Any] = json_column(nullable=True)
    updated_at: datetime = timestamp(nullable=False)
    updated_by: str = Field(max_length=120)
