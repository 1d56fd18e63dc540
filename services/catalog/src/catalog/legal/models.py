"""The legal basis registry: laws, their articles, recorded changes, and what they flagged."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from catalog.models import CatalogTable
from kit.columns import timestamp

LAW_STATES = ("in_force", "amended", "repealed")


class Law(CatalogTable, table=True):
    """A law, regulation or rule (法律、法规、规章) that matters cite."""

    __tablename__ = "law"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    issuer: str = Field(max_length=200)  # 制定机关
    effective_date: date | None = None
    status: str = Field(default="in_force", max_length=12)
    updated_at: datetime = timestamp(nullable=False)


class LawArticle(CatalogTable, table=True):
    """One article (条), or one clause (款/项) of it, with its current text."""

    __tablename__ = "law_article"
    __table_args__ = (UniqueConstraint("law_id", "article", "clause"),)

    id: int | None = Field(default=None, primary_key=True)
    law_id: int = Field(foreign_key="catalog.law.id", index=True)
    article: str = Field(max_length=50)
    clause: str = Field(default="", max_length=50)  # "" for the whole article
    text: str
    status: str = Field(default="in_force", max_length=12)
    amended_at: datetime | None = timestamp(nullable=True)
    updated_at: datetime = timestamp(nullable=False)


class ArticleChange(CatalogTable, table=True):
    """An amendment or repeal an administrator recorded, with the text before and after."""

    __tablename__ = "law_article_change"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="catalog.law_article.id", index=True)
    kind: str = Field(max_length=12)  # amended | repealed
    note: str | None = Field(default=None, max_length=2000)
    old_text: str
    new_text: str | None = None
    recorded_by: str = Field(max_length=120)
    recorded_at: datetime = timestamp(nullable=False)


class RevisionTask(CatalogTable, table=True):
    """A department's task to revise one matter after a provision it cites changed."""

    __tablename__ = "revision_task"
    __table_args__ = (UniqueConstraint("change_id", "matter_id"),)

    id: int | None = Field(default=None, primary_key=True)
    change_id: int = Field(foreign_key="catalog.law_article_change.id", index=True)
    article_id: int = Field(foreign_key="catalog.law_article.id")
    matter_id: int = Field(foreign_key="catalog.matter.id", index=True)
    implementation_code: str = Field(max_length=50)
    department_code: str = Field(max_length=18, index=True)
    state: str = Field(default="open", max_length=10, index=True)  # open | resolved
    resolution: str | None = Field(default=None, max_length=10)  # revised | answered
    answer: str | None = Field(default=None, max_length=2000)
    resolved_version: int | None = None
    resolved_by: str | None = Field(default=None, max_length=120)
    resolved_at: datetime | None = timestamp(nullable=True)
    created_at: datetime = timestamp(nullable=False)


class LegalBasisFlag(CatalogTable, table=True):
    """One place of one matter version that cites a changed provision."""

    __tablename__ = "legal_basis_flag"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="catalog.law_article.id", index=True)
    change_id: int = Field(foreign_key="catalog.law_article_change.id")
    task_id: int = Field(foreign_key="catalog.revision_task.id", index=True)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    path: str = Field(max_length=200)  # e.g. materials[1].legal_basis[0]
    created_at: datetime = timestamp(nullable=False)
    resolved_at: datetime | None = timestamp(nullable=True)
