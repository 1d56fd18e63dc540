"""a window's place in the hall, hours and phone; the blank forms and samples editors upload
(content-addressed: the bytes under their SHA-256, in the database so both modes share them)

Revision ID: 0009_window_forms
Revises: 0008_feedback_answers
Create Date: 2026-12-01 13:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0009_window_forms"
down_revision: str | Sequence[str] | None = "0008_feedback_answers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("window", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("address", Text(length=200), nullable=True))
        batch_op.add_column(sa.Column("hours", Text(length=200), nullable=True))
        batch_op.add_column(sa.Column("phone", Text(length=40), nullable=True))
    op.create_table(
        "material_file",
        sa.Column("sha256", Text(length=64), nullable=False),
        sa.Column("file_name", Text(length=120), nullable=False),
        sa.Column("content_type", Text(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", Text(length=120), nullable=False),
        sa.Column("uploaded_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_material_file")),
        schema=SCHEMA)


def downgrade() -> None:
    op.drop_table("material_file", schema=SCHEMA)
    with op.batch_alter_table("window", schema=SCHEMA) as batch_op:
        batch_op.drop_column("phone")
        batch_op.drop_column("hours")
        batch_op.drop_column("address")
