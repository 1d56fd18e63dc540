"""sign-in hardening: throttles, TOTP, idle sessions, second-step sessions

Revision ID: 0002_sign_in
Revises: 0001
Create Date: 2026-11-27
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0002_sign_in"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "gateway"


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", kit.db.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_throttle")),
        schema=SCHEMA,
    )
    with op.batch_alter_table("account", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("sessions_after", kit.db.UtcDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("totp_secret", sqlmodel.sql.sqltypes.AutoString(length=200),
                                      nullable=True))
        batch_op.add_column(sa.Column("totp_enabled_at", kit.db.UtcDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recovery_codes", sa.JSON(), nullable=False,
                                      server_default="[]"))
    with op.batch_alter_table("account", schema=SCHEMA) as batch_op:
        batch_op.alter_column("recovery_codes", server_default=None)
    # Sessions from before have no last activity: everyone signs in again once.
    op.execute(sa.text(f"DELETE FROM {SCHEMA}.sign_in_session"))
    with op.batch_alter_table("sign_in_session", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", kit.db.UtcDateTime(timezone=True),
                                      nullable=False, server_default=sa.func.now()))
        batch_op.add_column(sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=8),
                                      nullable=False, server_default="full"))
    with op.batch_alter_table("sign_in_session", schema=SCHEMA) as batch_op:
        batch_op.alter_column("last_seen_at", server_default=None)
        batch_op.alter_column("stage", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("sign_in_session", schema=SCHEMA) as batch_op:
        batch_op.drop_column("stage")
        batch_op.drop_column("last_seen_at")
    with op.batch_alter_table("account", schema=SCHEMA) as batch_op:
        batch_op.drop_column("recovery_codes")
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_enabled_at")
        batch_op.drop_column("totp_secret")
        batch_op.drop_column("sessions_after")
    op.drop_table("sign_in_throttle", schema=SCHEMA)
