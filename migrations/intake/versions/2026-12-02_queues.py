"""queues: the window of the pinned version on each application, and the queues' indexes

The clerk's queue (one state, one window, newest first) read the window through the pinned
version: PostgreSQL gathered every application in the state, then sorted. The window is now
copied onto the application at filing (pinned versions never change), and the state and
window+state indexes end with the id, so a queue page reads only its own rows.

Revision ID: 0006_queues
Revises: 0005_supervision
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_queues"
down_revision: str | None = "0005_supervision"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("application", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("window", Text(length=40), nullable=True))
    op.execute("UPDATE intake.application SET \"window\" = (SELECT v.\"window\" "
               "FROM intake.matter_version v "
               "WHERE v.implementation_code = application.implementation_code "
               "AND v.version = application.version)")
    with op.batch_alter_table("application", schema=SCHEMA) as batch_op:
        batch_op.drop_index("ix_intake_application_state")
        batch_op.create_index("ix_intake_application_state_id", ["state", "id"])
        batch_op.create_index("ix_intake_application_window_state_id",
                              ["window", "state", "id"])


def downgrade() -> None:
    with op.batch_alter_table("application", schema=SCHEMA) as batch_op:
        batch_op.drop_index("ix_intake_application_window_state_id")
        batch_op.drop_index("ix_intake_application_state_id")
        batch_op.create_index("ix_intake_application_state", ["state"])
        batch_op.drop_column("window")
