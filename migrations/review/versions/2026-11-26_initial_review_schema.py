"""initial review schema: groups and routing, cases, opinions, consolidated feedback

Revision ID: 0001
Revises:
Create Date: 2026-11-26 04:06:34.612749
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = 'review'
Text = sqlmodel.sql.sqltypes.AutoString
Timestamp = kit.db.UtcDateTime


def upgrade() -> None:
    create_groups()
    create_cases()
    create_plumbing()


def create_groups() -> None:
    op.create_table(
        'review_group',
        sa.Column('code', Text(length=20), nullable=False),
        sa.Column('name', Text(length=100), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_review_group')),
        schema=SCHEMA)
    op.create_table(
        'routing_rule',
        sa.Column('window', Text(length=40), nullable=False),
        sa.Column('group_code', Text(length=20), nullable=False),
        sa.ForeignKeyConstraint(['group_code'], ['review.review_group.code'], ondelete='CASCADE',
                                name=op.f('fk_routing_rule_group_code_review_group')),
        sa.PrimaryKeyConstraint('window', name=op.f('pk_routing_rule')),
        schema=SCHEMA)
    op.create_index(op.f('ix_review_routing_rule_group_code'), 'routing_rule', ['group_code'],
                    schema=SCHEMA)


def create_cases() -> None:
    op.create_table(
        'review_case',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('implementation_code', Text(length=50), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('round', sa.Integer(), nullable=False),
        sa.Column('name', Text(length=200), nullable=False),
        sa.Column('department_code', Text(length=18), nullable=False),
        sa.Column('department_name', Text(length=100), nullable=False),
        sa.Column('window', Text(length=40), nullable=True),
        sa.Column('group_code', Text(length=20), nullable=False),
        sa.Column('routing_reason', Text(length=200), nullable=False),
        sa.Column('state', Text(length=10), nullable=False),
        sa.Column('decision', Text(length=20), nullable=True),
        sa.Column('standard', sa.JSON(), nullable=False),
        sa.Column('previous_version', sa.Integer(), nullable=True),
        sa.Column('previous_case_id', sa.Integer(), nullable=True),
        sa.Column('changed_elements', sa.JSON(), nullable=True),
        sa.Column('submitted_by', Text(length=120), nullable=False),
        sa.Column('opened_at', Timestamp(timezone=True), nullable=False),
        sa.Column('closed_at', Timestamp(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_case')),
        sa.UniqueConstraint('implementation_code', 'version', 'round',
                            name=op.f('uq_review_case_implementation_code_version_round')),
        schema=SCHEMA)
    for column in ('department_code', 'group_code', 'implementation_code', 'state'):
        op.create_index(op.f(f'ix_review_review_case_{column}'), 'review_case', [column],
                        schema=SCHEMA)
    op.create_table(
        'opinion',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('element', Text(length=200), nullable=False),
        sa.Column('aspect', Text(length=20), nullable=False),
        sa.Column('text', Text(length=2000), nullable=False),
        sa.Column('reviewer', Text(length=120), nullable=False),
        sa.Column('reviewer_name', Text(length=120), nullable=False),
        sa.Column('created_at', Timestamp(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['review.review_case.id'], ondelete='CASCADE',
                                name=op.f('fk_opinion_case_id_review_case')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion')),
        schema=SCHEMA)
    op.create_index(op.f('ix_review_opinion_case_id'), 'opinion', ['case_id'], schema=SCHEMA)
    op.create_table(
        'consolidated_feedback',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('decision', Text(length=20), nullable=False),
        sa.Column('summary', Text(length=4000), nullable=False),
        sa.Column('lead', Text(length=120), nullable=False),
        sa.Column('lead_name', Text(length=120), nullable=False),
        sa.Column('opinions', sa.JSON(), nullable=False),
        sa.Column('issued_at', Timestamp(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['review.review_case.id'], ondelete='CASCADE',
                                name=op.f('fk_consolidated_feedback_case_id_review_case')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_consolidated_feedback')),
        sa.UniqueConstraint('case_id', name=op.f('uq_consolidated_feedback_case_id')),
        schema=SCHEMA)


def create_plumbing() -> None:
    """The outbox, inbox and audit tables every part has (kit)."""
    op.create_table(
        'outbox_event',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('event_id', sa.String(length=36), nullable=False),
        sa.Column('destination', sa.String(length=40), nullable=False),
        sa.Column('type', sa.String(length=80), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('created_at', Timestamp(timezone=True), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', Timestamp(timezone=True), nullable=False),
        sa.Column('delivered_at', Timestamp(timezone=True), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_event')),
        schema=SCHEMA)
    op.create_index('ix_outbox_event_pending', 'outbox_event',
                    ['delivered_at', 'next_attempt_at'], schema=SCHEMA)
    op.create_table(
        'inbox_event',
        sa.Column('event_id', sa.String(length=36), nullable=False),
        sa.Column('type', sa.String(length=80), nullable=False),
        sa.Column('received_at', Timestamp(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('event_id', name=op.f('pk_inbox_event')),
        schema=SCHEMA)
    op.create_table(
        'audit_entry',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                  autoincrement=True, nullable=False),
        sa.Column('at', Timestamp(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=120), nullable=False),
        sa.Column('action', sa.String(length=80), nullable=False),
        sa.Column('entity', sa.String(length=80), nullable=False),
        sa.Column('entity_id', sa.String(length=120), nullable=False),
        sa.Column('before', sa.JSON(), nullable=True),
        sa.Column('after', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
        schema=SCHEMA)


def downgrade() -> None:
    # Dropping a table drops its indexes; children go before the tables they reference.
    for table in ('audit_entry', 'inbox_event', 'outbox_event', 'consolidated_feedback',
                  'opinion', 'review_case', 'routing_rule', 'review_group'):
        op.drop_table(table, schema=SCHEMA)
