"""joint: each co-handling department's sign-off of an accepted application (并联审批)

Revision ID: 0004_joint
Revises: 0003_visit
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0004_joint"
down_revision: str | None = "0003_visit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
Text = sqlmodel.sql.sqltypes.AutoString
Stamp = kit.db.UtcDateTime


def upgrade() -> None:
    op.create_table(
        "joint_department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("department_code", Text(length=18), nullable=False),
        sa.Column("department_name", Text(length=100), nullable=False),
        sa.Column("step", Text(length=500), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("answer", Text(length=30), nullable=True),
        sa.Column("remark", Text(length=2000), nullable=True),
        sa.Column("answered_by", Text(length=120), nullable=True),
        sa.Column("answered_at", Stamp(timezone=True), nullable=True),
        sa.Column("escalated_at", Stamp(timezone=True), nullable=True),
        sa.Column("opened_at", Stamp(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["intake.application.id"],
                                name=op.f("fk_joint_department_application_id_application"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joint_department")),
        sa.UniqueConstraint("application_id", "department_code",
                            name=op.f("uq_joint_department_application_id_department_code")),
        schema=SCHEMA,
    )
    op.create_index(op.f("ix_intake_joint_department_application_id"), "joint_department",
                    ["application_id"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index(op.f("ix_intake_joint_department_application_id"),
                  table_name="joint_department", schema=SCHEMA)
    op.drop_table("joint_department", schema=SCHEMA)
