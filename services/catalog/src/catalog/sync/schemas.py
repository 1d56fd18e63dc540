"""Request and response shapes of the provincial API, as its contract gives them."""

from typing import Any, Literal

from pydantic import BaseModel, model_validator

from catalog.standard import Code, ExerciseLevel, MatterType, Text
from kit.types import Id, Input


class LooseLegalBasis(Input):
    law: Text
    article: Text
    text: Text


class BaseCatalogItem(Input):
    """One item of a basic-catalog batch pushed by the province."""

    basic_code: Code
    name: Text
    matter_type: MatterType
    exercise_level: ExerciseLevel
    operation: Literal["upsert", "cancel"]
    legal_basis: list[LooseLegalBasis] | None = None

    @model_validator(mode="after")
    def _upsert_needs_basis(self) -> "BaseCatalogItem":
        if self.operation == "upsert" and not self.legal_basis:
            raise ValueError("legal_basis is required (non-empty) for upsert")
        return self


class BaseCatalogBatch(Input):
    batch_id: Code
    items: list[Any]


class BatchResult(BaseModel):
    batch_id: str
    accepted: int
    rejected: list[dict]


class FeedItem(BaseModel):
    operation: Literal["upsert", "cancel"]
    matter: dict


class FeedPage(BaseModel):
    items: list[FeedItem]
    next_cursor: str


class AnomalyIn(Input):
    anomaly_id: Code
    implementation_code: Code
    version: Id
    field: Text
    message: Text
    severity: Literal["error", "warning"]


class AnomalyAck(BaseModel):
    anomaly_id: str
    status: str

