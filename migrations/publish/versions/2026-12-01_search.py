"""search: each matter's terms, the term index, the administrator's synonyms

Revision ID: search
Revises: audit_chain
Create Date: 2026-12-10 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "search"
down_revision: str | None = "statistics"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "search_document",
        sa.Column("implementation_code", TEXT(length=50), nullable=False),
        sa.Column("name", TEXT(), nullable=False),
        sa.Column("result_name", TEXT(), nullable=False),
        sa.Column("codes", TEXT(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("length", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("implementation_code", name=op.f("pk_search_document")),
        schema="publish",
    )
    op.create_table(
        "search_term",
        sa.Column("term", TEXT(length=50), nullable=False),
        sa.Column("implementation_code", TEXT(length=50), nullable=False),
        sa.PrimaryKeyConstraint("term", "implementation_code", name=op.f("pk_search_term")),
        schema="publish",
    )
    op.create_index(op.f("ix_publish_search_term_implementation_code"), "search_term",
                    ["implementation_code"], unique=False, schema="publish")
    op.create_table(
        "search_synonym",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("term", TEXT(length=30), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("updated_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_synonym")),
        sa.UniqueConstraint("term", name=op.f("uq_search_synonym_term")),
        schema="publish",
    )
    _index_published()


def _index_published() -> None:
    """The matters already on the lists join search (tokenized as the app tokenizes)."""
    from publish.search.index import fields, weighted_terms  # noqa: PLC0415  (data step)
    from publish.search.text import compact, fold  # noqa: PLC0415

    bind = op.get_bind()
    matters = sa.table("public_matter", sa.column("document", sa.JSON),
                       sa.column("department_name", TEXT), schema="publish")
    documents = sa.table("search_document", *(sa.column(c) for c in (
        "implementation_code", "name", "result_name", "codes", "length")),
        sa.column("terms", sa.JSON), schema="publish")
    terms = sa.table("search_term", sa.column("term"), sa.column("implementation_code"),
                     schema="publish")
    for document, department in bind.execute(sa.select(matters.c.document,
                                                       matters.c.department_name)):
        by_field = fields(document, department)
        counts = weighted_terms(by_field)
        code = document["implementation_code"]
        bind.execute(documents.insert().values(
            implementation_code=code, name=fold(by_field["name"][0]),
            result_name=fold(by_field["result"][0]), terms=dict(counts),
            codes=" ".join(compact(c) for c in by_field["codes"] if c),
            length=sum(counts.values())))
        if counts:
            bind.execute(terms.insert(), [{"term": t, "implementation_code": code}
                                          for t in counts])


def downgrade() -> None:
    op.drop_table("search_synonym", schema="publish")
    op.drop_index(op.f("ix_publish_search_term_implementation_code"), table_name="search_term",
                  schema="publish")
    op.drop_table("search_term", schema="publish")
    op.drop_table("search_document", schema="publish")
