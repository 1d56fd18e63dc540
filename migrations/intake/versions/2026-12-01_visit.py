"""visit: a hall ticket's rating code, and the window of a visit's rating

Revision ID: 0003_visit
Revises: 0003_hall
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003_visit"
down_revision: str | None = "0003_hall"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("hall_ticket", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("rating_code", Text(length=12), nullable=True))
    with op.batch_alter_table("rating", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("window", Text(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_intake_rating_window"), ["window"])


def downgrade() -> None:
    with op.batch_alter_table("rating", schema=SCHEMA) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_rating_window"))
        batch_op.drop_column("window")
    with op.batch_alter_table("hall_ticket", schema=SCHEMA) as batch_op:
        batch_op.drop_column("rating_code")
