"""mandates are intake's records now: the account's list of mandating enterprises goes

Revision ID: 0004_butler
Revises: audit_chain
Create Date: 2026-12-01 05:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_butler'
down_revision: str | None = 'audit_chain'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('account', schema='gateway') as batch_op:
        batch_op.drop_column('mandators')


def downgrade() -> None:
    with op.batch_alter_table('account', schema='gateway') as batch_op:
        batch_op.add_column(sa.Column('mandators', sa.JSON(), nullable=False,
                                      server_default='[]'))
    with op.batch_alter_table('account', schema='gateway') as batch_op:
        batch_op.alter_column('mandators', server_default=None)
