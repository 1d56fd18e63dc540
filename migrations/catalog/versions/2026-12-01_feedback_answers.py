"""feedback answers: the department's answer to each point of a returned version's letter

Revision ID: 0008_feedback_answers
Revises: 0007_dead_letters
Create Date: 2026-12-01 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0008_feedback_answers"
down_revision: str | Sequence[str] | None = "0008_organisation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "feedback_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("matter_version_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("point", sa.Integer(), nullable=False),
        sa.Column("kind", Text(length=10), nullable=False),
        sa.Column("element", Text(length=200), nullable=True),
        sa.Column("element_name", Text(length=500), nullable=True),
        sa.Column("reason", Text(length=4000), nullable=False),
        sa.Column("answered_by", Text(length=120), nullable=False),
        sa.Column("answered_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["matter_version_id"], ["catalog.matter_version.id"],
                                name=op.f("fk_feedback_answer_matter_version_id_matter_version")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_answer")),
        sa.UniqueConstraint("matter_version_id", "case_id", "point",
                            name=op.f("uq_feedback_answer_matter_version_id_case_id_point")),
        schema=SCHEMA)
    op.create_index(op.f("ix_catalog_feedback_answer_matter_version_id"), "feedback_answer",
                    ["matter_version_id"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index(op.f("ix_catalog_feedback_answer_matter_version_id"),
                  table_name="feedback_answer", schema=SCHEMA)
    op.drop_table("feedback_answer", schema=SCHEMA)
