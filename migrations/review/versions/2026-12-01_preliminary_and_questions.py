"""preliminary check (初审) of a case, and the departments' difficult questions (疑难问题)

Revision ID: preliminary_questions
Revises: 0002_dead_letters
Create Date: 2026-12-01 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "preliminary_questions"
down_revision: str | Sequence[str] | None = "0003_signoffs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "review"
Text = sqlmodel.sql.sqltypes.AutoString
Timestamp = kit.db.UtcDateTime


def upgrade() -> None:
    with op.batch_alter_table("review_case", schema=SCHEMA) as batch:
        batch.add_column(sa.Column("reached_group_at", Timestamp(), nullable=True))
    op.execute(f"UPDATE {SCHEMA}.review_case SET reached_group_at = opened_at")
    op.create_table(
        "preliminary_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("result", Text(length=10), nullable=False),
        sa.Column("reasons", Text(length=4000), nullable=False),
        sa.Column("checker", Text(length=120), nullable=False),
        sa.Column("checker_name", Text(length=120), nullable=False),
        sa.Column("checked_at", Timestamp(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["review.review_case.id"], ondelete="CASCADE",
                                name=op.f("fk_preliminary_check_case_id_review_case")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preliminary_check")),
        sa.UniqueConstraint("case_id", name=op.f("uq_preliminary_check_case_id")),
        schema=SCHEMA)
    op.create_table(
        "question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_code", Text(length=18), nullable=False),
        sa.Column("title", Text(length=200), nullable=False),
        sa.Column("question", Text(length=4000), nullable=False),
        sa.Column("implementation_code", Text(length=50), nullable=True),
        sa.Column("element", Text(length=200), nullable=True),
        sa.Column("state", Text(length=10), nullable=False),
        sa.Column("raised_by", Text(length=120), nullable=False),
        sa.Column("raised_by_name", Text(length=120), nullable=False),
        sa.Column("raised_at", Timestamp(timezone=True), nullable=False),
        sa.Column("answer", Text(length=4000), nullable=True),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("answered_by", Text(length=120), nullable=True),
        sa.Column("answered_by_name", Text(length=120), nullable=True),
        sa.Column("answered_at", Timestamp(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question")),
        schema=SCHEMA)
    for column in ("department_code", "state"):
        op.create_index(op.f(f"ix_review_question_{column}"), "question", [column],
                        schema=SCHEMA)


def downgrade() -> None:
    for column in ("department_code", "state"):
        op.drop_index(op.f(f"ix_review_question_{column}"), table_name="question",
                      schema=SCHEMA)
    op.drop_table("question", schema=SCHEMA)
    op.drop_table("preliminary_check", schema=SCHEMA)
    with op.batch_alter_table("review_case", schema=SCHEMA) as batch:
        batch.drop_column("reached_group_at")
