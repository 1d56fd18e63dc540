"""signoffs: joint sign-off of applications by co-handling departments (并联审批)

Revision ID: 0003_signoffs
Revises: 0002_dead_letters
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0003_signoffs"
down_revision: str | None = "0003_opinion_points"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "review"
Text = sqlmodel.sql.sqltypes.AutoString
Stamp = kit.db.UtcDateTime


def upgrade() -> None:
    op.create_table(
        "sign_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("case_number", Text(length=30), nullable=False),
        sa.Column("implementation_code", Text(length=50), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_name", Text(length=200), nullable=False),
        sa.Column("lead_code", Text(length=18), nullable=False),
        sa.Column("lead_name", Text(length=100), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("state", Text(length=10), nullable=False),
        sa.Column("opened_at", Stamp(timezone=True), nullable=False),
        sa.Column("completed_at", Stamp(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_off")),
        sa.UniqueConstraint("application_id", name=op.f("uq_sign_off_application_id")),
        schema=SCHEMA,
    )
    for column in ("implementation_code", "lead_code", "state"):
        op.create_index(op.f(f"ix_review_sign_off_{column}"), "sign_off", [column],
                        schema=SCHEMA)
    op.create_table(
        "sign_off_department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sign_off_id", sa.Integer(), nullable=False),
        sa.Column("department_code", Text(length=18), nullable=False),
        sa.Column("department_name", Text(length=100), nullable=False),
        sa.Column("step", Text(length=500), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("answer", Text(length=30), nullable=True),
        sa.Column("remark", Text(length=2000), nullable=True),
        sa.Column("answered_by", Text(length=120), nullable=True),
        sa.Column("answered_by_name", Text(length=120), nullable=True),
        sa.Column("answered_at", Stamp(timezone=True), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("escalated_at", Stamp(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["sign_off_id"], ["review.sign_off.id"],
                                name=op.f("fk_sign_off_department_sign_off_id_sign_off"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_off_department")),
        sa.UniqueConstraint("sign_off_id", "department_code",
                            name=op.f("uq_sign_off_department_sign_off_id_department_code")),
        schema=SCHEMA,
    )
    for column in ("sign_off_id", "department_code"):
        op.create_index(op.f(f"ix_review_sign_off_department_{column}"), "sign_off_department",
                        [column], schema=SCHEMA)


def downgrade() -> None:
    for column in ("sign_off_id", "department_code"):
        op.drop_index(op.f(f"ix_review_sign_off_department_{column}"),
                      table_name="sign_off_department", schema=SCHEMA)
    op.drop_table("sign_off_department", schema=SCHEMA)
    for column in ("implementation_code", "lead_code", "state"):
        op.drop_index(op.f(f"ix_review_sign_off_{column}"), table_name="sign_off",
                      schema=SCHEMA)
    op.drop_table("sign_off", schema=SCHEMA)
