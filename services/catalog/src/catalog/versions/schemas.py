"""Response shapes of version history, diffs and reform metrics (documented in the OpenAPI)."""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from catalog.matters.schemas import VersionSummary


class VersionEntry(VersionSummary):
    """One version in a matter's history, with when a later version replaced it."""

    superseded_at: datetime | None = Field(
        description="When the next version went live; null while in force or never live.")
    standard: dict[str, Any] = Field(default_factory=dict, description="The version's standard.")
    feedback: dict[str, Any] | None = Field(
        default=None, description="The review's consolidated feedback, once given.")


class FieldChange(BaseModel):
    """One element or field whose value changed (`channels.onsite_visits`, `copies`…)."""

    field: str
    before: Any
    after: Any


class EntryChange(BaseModel):
    """An entry present in both versions (matched by `key`) whose fields changed."""

    key: str
    fields: list[FieldChange]
    before: Any
    after: Any


class ListDiff(BaseModel):
    """A list element: entries matched by key (material name, step name, law and article…)."""

    added: list[Any]
    removed: list[Any]
    changed: list[EntryChange]
    reordered: bool = Field(description="The entries kept are in another order.")


class VersionRef(BaseModel):
    version: int
    state: str
    effective_from: date
    published_at: datetime | None


class VersionDiff(BaseModel):
    """Element-level diff from one version to another; the same shape for every pair."""

    model_config = ConfigDict(populate_by_name=True)

    implementation_code: str
    from_: VersionRef = Field(alias="from")
    to: VersionRef
    identical: bool
    elements: list[FieldChange] = Field(description="Scalar elements: name, codes, type, "
                                        "department, window, service objects, result…")
    limits: list[FieldChange] = Field(description="statutory_limit, committed_limit, "
                                      "limit_unit, limit_explanation, case_class, extension.*")
    channels: list[FieldChange]
    legal_basis: ListDiff
    conditions: ListDiff
    materials: ListDiff
    fees: ListDiff
    steps: ListDiff
    discretion_benchmarks: ListDiff
    special_procedures: ListDiff
    faq: ListDiff
    co_handling_departments: ListDiff


class MetricCounts(BaseModel):
    """The reform metrics of one department or of the whole zone."""

    matters_compared: int = Field(description="In force on `since` and now.")
    matters_changed: int = Field(description="Compared, with another version now.")
    matters_added: int = Field(description="In force now, not on `since`.")
    matters_withdrawn: int = Field(description="In force on `since`, withdrawn since.")
    committed_days_cut: int
    steps_simplified: int
    materials_reduced: int
    materials_standardized: int
    vague_clauses_fixed: int
    catch_all_clauses_fixed: int
    discretion_benchmarks_added: int
    onsite_visits_cut: int


class DepartmentMetrics(MetricCounts):
    code: str
    name: str


class ReformMetrics(BaseModel):
    since: date
    until: datetime = Field(description="The instant compared with `since` (now by default).")
    department: str | None
    totals: MetricCounts
    departments: list[DepartmentMetrics]
