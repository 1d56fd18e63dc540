"""audit entries: caller's role, address, request id, outcome, and a hash chain

Revision ID: audit_chain
Revises: 0001
Create Date: 2026-11-27 10:00:00
"""
from collections.abc import Sequence

from alembic import op

from kit.migrations import add_audit_chain, drop_audit_chain

revision: str = 'audit_chain'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_audit_chain(op, 'review')


def downgrade() -> None:
    drop_audit_chain(op, 'review')
