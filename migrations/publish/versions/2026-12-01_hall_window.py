"""the hall window of a published matter: address, opening hours and phone, as catalog sent them

Revision ID: 0003_hall_window
Revises: audit_chain
Create Date: 2026-12-01 13:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_hall_window"
down_revision: str | Sequence[str] | None = "open_data_jsonld"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("public_matter", schema="publish") as batch_op:
        batch_op.add_column(sa.Column("hall_window", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("public_matter", schema="publish") as batch_op:
        batch_op.drop_column("hall_window")
