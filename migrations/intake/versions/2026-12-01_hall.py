"""hall: walk-in tickets per window and day, and the window of each pinned matter version

Revision ID: 0003_hall
Revises: 0002_filing
Create Date: 2026-12-01
"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0003_hall"
down_revision: str | None = '0003_clock'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
Text = sqlmodel.sql.sqltypes.AutoString
Stamp = kit.db.UtcDateTime


def upgrade() -> None:
    op.create_table(
        "hall_ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("window", Text(length=40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", Text(length=12), nullable=False),
        sa.Column("phone_sealed", Text(length=200), nullable=True),
        sa.Column("state", Text(length=20), nullable=False),
        sa.Column("taken_at", Stamp(timezone=True), nullable=False),
        sa.Column("called_at", Stamp(timezone=True), nullable=True),
        sa.Column("called_by", Text(length=120), nullable=True),
        sa.Column("finished_at", Stamp(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hall_ticket")),
        sa.UniqueConstraint("day", "window", "sequence",
                            name=op.f("uq_hall_ticket_day_window_sequence")),
        schema=SCHEMA,
    )
    op.create_index(op.f("ix_intake_hall_ticket_day"), "hall_ticket", ["day"], schema=SCHEMA)
    op.create_index(op.f("ix_intake_hall_ticket_state"), "hall_ticket", ["state"],
                    schema=SCHEMA)
    op.create_table(
        "ticket_counter",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("window", Text(length=40), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "window", name=op.f("pk_ticket_counter")),
        schema=SCHEMA,
    )
    with op.batch_alter_table("matter_version", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("window", Text(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_intake_matter_version_window"), ["window"])
    _window_of_pinned_versions()


def _window_of_pinned_versions() -> None:
    """Each pinned version's window, read from the document it was pinned with."""
    connection = op.get_bind()
    versions = sa.table("matter_version", sa.column("id", sa.Integer),
                        sa.column("document", sa.JSON), sa.column("window", sa.String),
                        schema=SCHEMA)
    for row_id, document in connection.execute(sa.select(versions.c.id, versions.c.document)):
        found = json.loads(document) if isinstance(document, str) else (document or {})
        window = found.get("window")
        if isinstance(window, str) and window:
            connection.execute(versions.update().where(versions.c.id == row_id)
                               .values(window=window[:40]))


def downgrade() -> None:
    with op.batch_alter_table("matter_version", schema=SCHEMA) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_matter_version_window"))
        batch_op.drop_column("window")
    op.drop_table("ticket_counter", schema=SCHEMA)
    op.drop_index(op.f("ix_intake_hall_ticket_state"), table_name="hall_ticket", schema=SCHEMA)
    op.drop_index(op.f("ix_intake_hall_ticket_day"), table_name="hall_ticket", schema=SCHEMA)
    op.drop_table("hall_ticket", schema=SCHEMA)
