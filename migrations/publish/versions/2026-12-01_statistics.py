"""statistics: closed cases and ratings from intake, clause counts of published versions

Revision ID: statistics
Revises: audit_chain
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "statistics"
down_revision: str | None = "briefings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "publish"
Text = sqlmodel.sql.sqltypes.AutoString
Stamp = kit.db.UtcDateTime


def upgrade() -> None:
    op.create_table(
        "closed_case",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("implementation_code", Text(length=50), nullable=False),
        sa.Column("matter_name", Text(length=200), nullable=False),
        sa.Column("department_code", Text(length=50), nullable=False),
        sa.Column("department_name", Text(length=100), nullable=False),
        sa.Column("window", Text(length=50), nullable=True),
        sa.Column("channel", Text(length=10), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("days_used", sa.Integer(), nullable=True),
        sa.Column("committed_limit", sa.Integer(), nullable=False),
        sa.Column("statutory_limit", sa.Integer(), nullable=True),
        sa.Column("limit_unit", Text(length=20), nullable=False),
        sa.Column("overdue", sa.Boolean(), nullable=False),
        sa.Column("outcome", Text(length=20), nullable=False),
        sa.Column("received_at", Stamp(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_closed_case")),
        schema=SCHEMA,
    )
    for column in ("implementation_code", "department_code", "decided_on"):
        op.create_index(op.f(f"ix_publish_closed_case_{column}"), "closed_case", [column],
                        schema=SCHEMA)
    op.create_table(
        "case_rating",
        sa.Column("rating_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("implementation_code", Text(length=50), nullable=True),
        sa.Column("matter_name", Text(length=200), nullable=True),
        sa.Column("department_code", Text(length=50), nullable=True),
        sa.Column("department_name", Text(length=100), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("received_at", Stamp(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("rating_id", name=op.f("pk_case_rating")),
        schema=SCHEMA,
    )
    for column in ("implementation_code", "department_code", "rated_on"):
        op.create_index(op.f(f"ix_publish_case_rating_{column}"), "case_rating", [column],
                        schema=SCHEMA)
    op.create_table(
        "version_lint",
        sa.Column("implementation_code", Text(length=50), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("vague_clauses", sa.Integer(), nullable=False),
        sa.Column("catch_all_clauses", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("implementation_code", "version", name=op.f("pk_version_lint")),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("version_lint", schema=SCHEMA)
    for table, columns in (("case_rating", ("implementation_code", "department_code",
                                            "rated_on")),
                           ("closed_case", ("implementation_code", "department_code",
                                            "decided_on"))):
        for column in columns:
            op.drop_index(op.f(f"ix_publish_{table}_{column}"), table_name=table, schema=SCHEMA)
        op.drop_table(table, schema=SCHEMA)
