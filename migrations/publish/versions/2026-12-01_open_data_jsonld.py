"""open data: each matter on the lists keeps its CPSV-AP JSON-LD, sent by catalog

Revision ID: open_data_jsonld
Revises: audit_chain
Create Date: 2026-12-10 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "open_data_jsonld"
down_revision: str | None = "search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("public_matter", schema="publish") as batch_op:
        batch_op.add_column(sa.Column("jsonld", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("public_matter", schema="publish") as batch_op:
        batch_op.drop_column("jsonld")
