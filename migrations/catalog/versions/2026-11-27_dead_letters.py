"""dead letters: an outbox event the relay parked (refused for good, or out of attempts)

Revision ID: 0007_dead_letters
Revises: audit_chain
Create Date: 2026-11-27 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "0007_dead_letters"
down_revision: str | Sequence[str] | None = "audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"


def upgrade() -> None:
    with op.batch_alter_table("outbox_event", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("parked_at", kit.db.UtcDateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_event", schema=SCHEMA) as batch_op:
        batch_op.drop_column("parked_at")
