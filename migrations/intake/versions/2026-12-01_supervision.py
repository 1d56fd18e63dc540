"""supervision: the warnings raised on running cases (yellow, red) and their resolution

Revision ID: 0005_supervision
Revises: 0004_joint
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0005_supervision"
down_revision: str | None = "0004_joint"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
Text = sqlmodel.sql.sqltypes.AutoString
Stamp = kit.db.UtcDateTime


def upgrade() -> None:
    op.create_table(
        "case_warning",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("department_code", Text(length=18), nullable=False),
        sa.Column("level", Text(length=10), nullable=False),
        sa.Column("raised_at", Stamp(timezone=True), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("days_used", sa.Integer(), nullable=True),
        sa.Column("limit", sa.Integer(), nullable=False),
        sa.Column("resolution", Text(length=20), nullable=True),
        sa.Column("resolved_at", Stamp(timezone=True), nullable=True),
        sa.Column("resolved_by", Text(length=120), nullable=True),
        sa.Column("note", Text(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["intake.application.id"],
                                name=op.f("fk_case_warning_application_id_application"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_warning")),
        sa.UniqueConstraint("application_id", "level",
                            name=op.f("uq_case_warning_application_id_level")),
        schema=SCHEMA,
    )
    for column in ("application_id", "department_code", "resolution"):
        op.create_index(op.f(f"ix_intake_case_warning_{column}"), "case_warning", [column],
                        schema=SCHEMA)


def downgrade() -> None:
    for column in ("application_id", "department_code", "resolution"):
        op.drop_index(op.f(f"ix_intake_case_warning_{column}"), table_name="case_warning",
                      schema=SCHEMA)
    op.drop_table("case_warning", schema=SCHEMA)
