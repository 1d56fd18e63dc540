"""opinion points: severity, suggested wording, proposal and row anchor of an opinion; the
lead's conflict resolutions; the department's answers and the open elements of a re-review

Revision ID: 0003_opinion_points
Revises: 0002_dead_letters
Create Date: 2026-12-01 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0003_opinion_points"
down_revision: str | Sequence[str] | None = "reviewers_and_assignments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "review"
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("opinion", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("severity", Text(length=20), nullable=False,
                                      server_default="must_fix"))
        batch_op.add_column(sa.Column("wording", Text(length=2000), nullable=True))
        batch_op.add_column(sa.Column("proposal", Text(length=10), nullable=True))
        batch_op.add_column(sa.Column("proposed_value", Text(length=500), nullable=True))
        batch_op.add_column(sa.Column("anchor", sa.JSON(), nullable=True))
    with op.batch_alter_table("review_case", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("answers", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("open_elements", sa.JSON(), nullable=True))
    op.create_table(
        "conflict_resolution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("element", Text(length=200), nullable=False),
        sa.Column("opinion_ids", sa.JSON(), nullable=False),
        sa.Column("chosen_opinion_id", sa.Integer(), nullable=True),
        sa.Column("note", Text(length=2000), nullable=False),
        sa.Column("lead", Text(length=120), nullable=False),
        sa.Column("lead_name", Text(length=120), nullable=False),
        sa.Column("resolved_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["review.review_case.id"], ondelete="CASCADE",
                                name=op.f("fk_conflict_resolution_case_id_review_case")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict_resolution")),
        schema=SCHEMA)
    op.create_index(op.f("ix_review_conflict_resolution_case_id"), "conflict_resolution",
                    ["case_id"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index(op.f("ix_review_conflict_resolution_case_id"),
                  table_name="conflict_resolution", schema=SCHEMA)
    op.drop_table("conflict_resolution", schema=SCHEMA)
    with op.batch_alter_table("review_case", schema=SCHEMA) as batch_op:
        batch_op.drop_column("open_elements")
        batch_op.drop_column("answers")
    with op.batch_alter_table("opinion", schema=SCHEMA) as batch_op:
        batch_op.drop_column("anchor")
        batch_op.drop_column("proposed_value")
        batch_op.drop_column("proposal")
        batch_op.drop_column("wording")
        batch_op.drop_column("severity")
