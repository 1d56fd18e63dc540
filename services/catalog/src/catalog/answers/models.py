"""The department's answers to the points of a returned version's feedback letter."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from catalog.models import CatalogTable
from kit.columns import timestamp


class FeedbackAnswer(CatalogTable, table=True):
    """One point answered: accepted and revised (where), or explained (not adopted, why)."""

    __tablename__ = "feedback_answer"
    __table_args__ = (UniqueConstraint("matter_version_id", "case_id", "point"),)

    id: int | None = Field(default=None, primary_key=True)
    matter_version_id: int = Field(foreign_key="catalog.matter_version.id", index=True)
    case_id: int  # the review case whose letter made the point
    point: int
    kind: str = Field(max_length=10)  # revised | explained
    element: str | None = Field(default=None, max_length=200)  # the element revised
    element_name: str | None = Field(default=None, max_length=500)  # its row's name, then
    reason: str = Field(default="", max_length=4000)
    answered_by: str = Field(max_length=120)
    answered_at: datetime = timestamp(nullable=False)
