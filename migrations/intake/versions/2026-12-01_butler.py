"""butler: mandates as records, projects and their lists of matters, the agent of an application

Revision ID: 0003_butler
Revises: 0002_filing
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0003_butler"
down_revision: str | None = '0003_follow'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('mandate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enterprise', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
    sa.Column('enterprise_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('butler_sub', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('butler_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('all_matters', sa.Boolean(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('granted_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('granted_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', kit.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('revoked_at', kit.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('revoke_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandate')),
    schema='intake'
    )
    op.create_index(op.f('ix_intake_mandate_butler_sub'), 'mandate', ['butler_sub'], unique=False, schema='intake')
    op.create_index(op.f('ix_intake_mandate_enterprise'), 'mandate', ['enterprise'], unique=False, schema='intake')
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enterprise', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
    sa.Column('enterprise_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('requested_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('butler_sub', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('butler_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('assigned_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('assigned_at', kit.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    schema='intake'
    )
    op.create_index(op.f('ix_intake_project_butler_sub'), 'project', ['butler_sub'], unique=False, schema='intake')
    op.create_index(op.f('ix_intake_project_enterprise'), 'project', ['enterprise'], unique=False, schema='intake')
    op.create_table('mandate_matter',
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('implementation_code', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.ForeignKeyConstraint(['mandate_id'], ['intake.mandate.id'], name=op.f('fk_mandate_matter_mandate_id_mandate'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('mandate_id', 'implementation_code', name=op.f('pk_mandate_matter')),
    schema='intake'
    )
    op.create_table('project_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('implementation_code', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('matter_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('department_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('committed_limit', sa.Integer(), nullable=False),
    sa.Column('limit_unit', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('materials', sa.JSON(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('added_at', kit.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['intake.project.id'], name=op.f('fk_project_item_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_item')),
    schema='intake'
    )
    op.create_index(op.f('ix_intake_project_item_application_id'), 'project_item', ['application_id'], unique=False, schema='intake')
    op.create_index(op.f('ix_intake_project_item_project_id'), 'project_item', ['project_id'], unique=False, schema='intake')
    with op.batch_alter_table('application', schema='intake') as batch_op:
        batch_op.add_column(sa.Column('agent_sub', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True))
        batch_op.add_column(sa.Column('agent_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('application', schema='intake') as batch_op:
        batch_op.drop_column('agent_name')
        batch_op.drop_column('agent_sub')
    op.drop_index(op.f('ix_intake_project_item_project_id'), table_name='project_item', schema='intake')
    op.drop_index(op.f('ix_intake_project_item_application_id'), table_name='project_item', schema='intake')
    op.drop_table('project_item', schema='intake')
    op.drop_table('mandate_matter', schema='intake')
    op.drop_index(op.f('ix_intake_project_enterprise'), table_name='project', schema='intake')
    op.drop_index(op.f('ix_intake_project_butler_sub'), table_name='project', schema='intake')
    op.drop_table('project', schema='intake')
    op.drop_index(op.f('ix_intake_mandate_enterprise'), table_name='mandate', schema='intake')
    op.drop_index(op.f('ix_intake_mandate_butler_sub'), table_name='mandate', schema='intake')
    op.drop_table('mandate', schema='intake')
