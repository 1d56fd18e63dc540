"""briefings (简报): drafted, approved and published as 第N期

Revision ID: briefings
Revises: audit_chain
Create Date: 2026-12-01 13:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = 'briefings'
down_revision: str | None = 'audit_chain'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "briefing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("title", text(length=200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("state", text(length=20), nullable=False),
        sa.Column("return_reason", text(length=1000), nullable=True),
        sa.Column("author", text(length=120), nullable=False),
        sa.Column("author_name", text(length=120), nullable=False),
        sa.Column("approver", text(length=120), nullable=True),
        sa.Column("approver_name", text(length=120), nullable=True),
        sa.Column("publisher", text(length=120), nullable=True),
        sa.Column("created_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", kit.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("approved_at", kit.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("published_at", kit.db.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_briefing")),
        sa.UniqueConstraint("number", name=op.f("uq_briefing_number")),
        schema="publish",
    )
    op.create_index(op.f("ix_publish_briefing_state"), "briefing", ["state"], unique=False,
                    schema="publish")


def downgrade() -> None:
    op.drop_index(op.f("ix_publish_briefing_state"), table_name="briefing", schema="publish")
    op.drop_table("briefing", schema="publish")
