"""accounts administration: units (单位), one-time invitation links, the account's unit, and
the gateway's outbox (account.changed for review)

Revision ID: 0005_accounts
Revises: 0004_butler
Create Date: 2026-12-01 09:58:04.769035
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = '0005_accounts'
down_revision: str | None = '0004_butler'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('outbox_event',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('destination', sa.String(length=40), nullable=False),
    sa.Column('type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', kit.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('parked_at', kit.db.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_event')),
    schema='gateway'
    )
    with op.batch_alter_table('outbox_event', schema='gateway') as batch_op:
        batch_op.create_index('ix_outbox_event_pending', ['delivered_at', 'next_attempt_at'], unique=False)

    op.create_table('unit',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_unit')),
    sa.UniqueConstraint('name', name=op.f('uq_unit_name')),
    schema='gateway'
    )
    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('created_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('used_at', kit.db.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['gateway.account.id'], name=op.f('fk_invitation_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitation_token_hash')),
    schema='gateway'
    )
    with op.batch_alter_table('invitation', schema='gateway') as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_invitation_account_id'), ['account_id'], unique=False)

    with op.batch_alter_table('account', schema='gateway') as batch_op:
        batch_op.add_column(sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_account_unit_unit'), 'unit', ['unit'], ['code'], referent_schema='gateway')



def downgrade() -> None:
    with op.batch_alter_table('account', schema='gateway') as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_account_unit_unit'), type_='foreignkey')
        batch_op.drop_column('unit')

    with op.batch_alter_table('invitation', schema='gateway') as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_invitation_account_id'))

    op.drop_table('invitation', schema='gateway')
    op.drop_table('unit', schema='gateway')
    with op.batch_alter_table('outbox_event', schema='gateway') as batch_op:
        batch_op.drop_index('ix_outbox_event_pending')

    op.drop_table('outbox_event', schema='gateway')
