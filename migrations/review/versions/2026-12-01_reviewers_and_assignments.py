"""reviewers and assignments: the groups' named reviewers, the parts of a case assigned to
them, and each group's standing area rules (分解到人)

Revision ID: reviewers_and_assignments
Revises: 0002_dead_letters
Create Date: 2026-12-01 09:59:16
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "reviewers_and_assignments"
down_revision: str | Sequence[str] | None = "0003_ordered_routing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "review"
Text = sqlmodel.sql.sqltypes.AutoString
Timestamp = kit.db.UtcDateTime


def upgrade() -> None:
    op.create_table(
        "reviewer",
        sa.Column("username", Text(length=120), nullable=False),
        sa.Column("display_name", Text(length=120), nullable=False),
        sa.Column("unit", Text(length=100), nullable=True),
        sa.Column("group_code", Text(length=20), nullable=True),
        sa.Column("is_lead", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", Timestamp(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_reviewer")),
        schema=SCHEMA)
    op.create_index(op.f("ix_review_reviewer_group_code"), "reviewer", ["group_code"],
                    unique=False, schema=SCHEMA)
    op.create_table(
        "area_rule",
        sa.Column("group_code", Text(length=20), nullable=False),
        sa.Column("area", Text(length=20), nullable=False),
        sa.Column("reviewer", Text(length=120), nullable=False),
        sa.Column("updated_by", Text(length=120), nullable=False),
        sa.Column("updated_at", Timestamp(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_code"], ["review.review_group.code"],
                                name=op.f("fk_area_rule_group_code_review_group"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("group_code", "area", name=op.f("pk_area_rule")),
        schema=SCHEMA)
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("area", Text(length=20), nullable=False),
        sa.Column("reviewer", Text(length=120), nullable=False),
        sa.Column("reviewer_name", Text(length=120), nullable=False),
        sa.Column("rule", Text(length=20), nullable=False),
        sa.Column("assigned_by", Text(length=120), nullable=False),
        sa.Column("assigned_at", Timestamp(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["review.review_case.id"],
                                name=op.f("fk_assignment_case_id_review_case"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
        sa.UniqueConstraint("case_id", "area", name=op.f("uq_assignment_case_id_area")),
        schema=SCHEMA)
    op.create_index(op.f("ix_review_assignment_case_id"), "assignment", ["case_id"],
                    unique=False, schema=SCHEMA)
    op.create_index(op.f("ix_review_assignment_reviewer"), "assignment", ["reviewer"],
                    unique=False, schema=SCHEMA)


def downgrade() -> None:
    op.drop_index(op.f("ix_review_assignment_reviewer"), table_name="assignment", schema=SCHEMA)
    op.drop_index(op.f("ix_review_assignment_case_id"), table_name="assignment", schema=SCHEMA)
    op.drop_table("assignment", schema=SCHEMA)
    op.drop_table("area_rule", schema=SCHEMA)
    op.drop_index(op.f("ix_review_reviewer_group_code"), table_name="reviewer", schema=SCHEMA)
    op.drop_table("reviewer", schema=SCHEMA)
