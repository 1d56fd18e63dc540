"""clock: the legal clock's ledger, the holiday table (seeded from chinese_calendar), the
non-acceptance decision, the correction deadline and the per-matter correction period

Revision ID: 0003_clock
Revises: 0002_filing
Create Date: 2026-12-01
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = '0003_clock'
down_revision: str | None = '0003_butler'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('holiday_year',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('holidays', sa.JSON(), nullable=False),
    sa.Column('workdays', sa.JSON(), nullable=False),
    sa.Column('provisional', sa.Boolean(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_holiday_year')),
    schema='intake'
    )
    op.create_table('clock_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('cause', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['intake.application.id'], name=op.f('fk_clock_entry_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_entry')),
    schema='intake'
    )
    with op.batch_alter_table('clock_entry', schema='intake') as batch_op:
        batch_op.create_index(batch_op.f('ix_intake_clock_entry_application_id'), ['application_id'], unique=False)

    with op.batch_alter_table('application', schema='intake') as batch_op:
        batch_op.add_column(sa.Column('non_acceptance', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('correction_deadline', sa.Date(), nullable=True))

    with op.batch_alter_table('matter', schema='intake') as batch_op:
        batch_op.add_column(sa.Column('correction_days', sa.Integer(), nullable=True))
    _seed_holidays()


def _seed_holidays() -> None:
    """The years chinese_calendar covers, as the State Council published them."""
    from chinese_calendar.constants import holidays, workdays

    table = sa.table("holiday_year", sa.column("year", sa.Integer()),
                     sa.column("holidays", sa.JSON()), sa.column("workdays", sa.JSON()),
                     sa.column("provisional", sa.Boolean()), sa.column("source", sa.String()),
                     sa.column("updated_at", kit.db.UtcDateTime(timezone=True)),
                     sa.column("updated_by", sa.String()), schema="intake")
    years = sorted({day.year for day in holidays})
    at = datetime.now(UTC)
    op.bulk_insert(table, [
        {"year": year, "provisional": False, "source": "chinese_calendar", "updated_at": at,
         "updated_by": "migration",
         "holidays": sorted(d.isoformat() for d in holidays if d.year == year),
         "workdays": sorted(d.isoformat() for d in workdays if d.year == year)}
        for year in years])



def downgrade() -> None:
    with op.batch_alter_table('matter', schema='intake') as batch_op:
        batch_op.drop_column('correction_days')

    with op.batch_alter_table('application', schema='intake') as batch_op:
        batch_op.drop_column('correction_deadline')
        batch_op.drop_column('non_acceptance')

    with op.batch_alter_table('clock_entry', schema='intake') as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_clock_entry_application_id'))

    op.drop_table('clock_entry', schema='intake')
    op.drop_table('holiday_year', schema='intake')
