"""Search tables: each matter's terms (tokenized in Python, so both databases search alike),
the index from term to matter, and the synonyms an administrator keeps."""

from datetime import datetime
from typing import Any

from sqlmodel import Field

from kit.columns import json_column, timestamp
from publish.models import PublishTable


class SearchDocument(PublishTable, table=True):
    """A published matter as search reads it: names, codes and weighted term counts."""

    __tablename__ = "search_document"

    implementation_code: str = Field(primary_key=True, max_length=50)
    name: str  # folded
    result_name: str  # folded
    codes: str  # implementation, basic and handling codes, compacted, space-separated
    terms: dict[str, Any] = json_column(nullable=False)  # term → weighted count
    length: float  # the weighted number of terms, for BM25's length normalisation


class SearchTerm(PublishTable, table=True):
    """One term of one matter: the indexed prefilter of a query's candidates."""

    __tablename__ = "search_term"

    term: str = Field(primary_key=True, max_length=50)
    implementation_code: str = Field(primary_key=True, max_length=50, index=True)


class SearchSynonym(PublishTable, table=True):
    """A visitor's word and the words of the lists it means (营业执照 → 设立登记, 公司注册)."""

    __tablename__ = "search_synonym"

    id: int | None = Field(default=None, primary_key=True)
    term: str = Field(max_length=30, unique=True)
    targets: list[str] = json_column(nullable=False)
    updated_at: datetime = timestamp(nullable=False)
