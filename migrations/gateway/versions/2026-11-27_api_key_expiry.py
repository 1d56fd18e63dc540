"""API keys expire: expires_at (existing keys: 90 days after they were issued)

Revision ID: key_expiry
Revises: 0003_layout_copy
Create Date: 2026-11-27 09:00:00
"""
from collections.abc import Sequence
from datetime import UTC, timedelta

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = 'key_expiry'
down_revision: str | None = '0003_layout_copy'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = sa.table('api_key', sa.column('id', sa.Integer()),
               sa.column('created_at', kit.db.UtcDateTime()),
               sa.column('expires_at', kit.db.UtcDateTime()), schema='gateway')


def upgrade() -> None:
    with op.batch_alter_table('api_key', schema='gateway') as batch_op:
        batch_op.add_column(sa.Column('expires_at', kit.db.UtcDateTime(), nullable=True))
    bind = op.get_bind()
    for key_id, created in bind.execute(sa.select(KEY.c.id, KEY.c.created_at)).all():
        created = created if created.tzinfo else created.replace(tzinfo=UTC)
        bind.execute(KEY.update().where(KEY.c.id == key_id)
                     .values(expires_at=created + timedelta(days=90)))
    with op.batch_alter_table('api_key', schema='gateway') as batch_op:
        batch_op.alter_column('expires_at', existing_type=kit.db.UtcDateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('api_key', schema='gateway') as batch_op:
        batch_op.drop_column('expires_at')
