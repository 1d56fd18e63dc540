"""the kept copy of the catalog's layout of the matter standard

Revision ID: 0003_layout_copy
Revises: 0002_sign_in
Create Date: 2026-12-01 02:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = '0003_layout_copy'
down_revision: str | None = '0002_sign_in'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('layout_copy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('etag', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('fetched_at', kit.db.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_layout_copy')),
    schema='gateway'
    )


def downgrade() -> None:
    op.drop_table('layout_copy', schema='gateway')
