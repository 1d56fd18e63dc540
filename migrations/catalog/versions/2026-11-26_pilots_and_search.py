"""pilots (catalog settings, feed release state) and catalog search (latest version on matter)

Revision ID: 0005_pilots_search
Revises: 0001
Create Date: 2026-11-26 12:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0005_pilots_search"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"
FILTERS = ("department_code", "latest_state", "matter_type", "window_code")
SEARCHED = ("name", "implementation_code")


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.create_table(
        "catalog_setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("updated_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_catalog_setting")),
        schema=SCHEMA,
    )
    with op.batch_alter_table("feed_entry", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("release_state",
                                      sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True))
    with op.batch_alter_table("matter", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("latest_version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("latest_state", sqlmodel.sql.sqltypes.AutoString(length=20),
                                      nullable=True))
        batch_op.add_column(sa.Column("matter_type", sqlmodel.sql.sqltypes.AutoString(length=2),
                                      nullable=True))
        batch_op.add_column(sa.Column("window_code", sqlmodel.sql.sqltypes.AutoString(length=40),
                                      nullable=True))
    _backfill_latest()
    for column in FILTERS:
        op.create_index(f"ix_matter_{column}_code", "matter", [column, "implementation_code"],
                        schema=SCHEMA)
    if _postgres():
        # Trigram GIN indexes make `lower(name) LIKE '%…%'` an index search (Chinese included).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in SEARCHED:
            op.execute(f"CREATE INDEX ix_matter_lower_{column}_trgm ON {SCHEMA}.matter "
                       f"USING gin (lower({column}) gin_trgm_ops)")
    # SQLite scans for a substring anyway: an index on lower(…) would only slow writes there.


def _backfill_latest() -> None:
    """Matters that already exist take their latest version's number, state, type, window."""
    field = ("v.standard->>'{}'" if _postgres() else "json_extract(v.standard, '$.{}')")
    latest = (f"FROM {SCHEMA}.matter_version v WHERE v.matter_id = {SCHEMA}.matter.id "
              f"AND v.version = {SCHEMA}.matter.latest_version")
    op.execute(f"UPDATE {SCHEMA}.matter SET latest_version = (SELECT max(v.version) "
               f"FROM {SCHEMA}.matter_version v WHERE v.matter_id = {SCHEMA}.matter.id)")
    op.execute(f"UPDATE {SCHEMA}.matter SET latest_state = (SELECT v.state {latest}), "
               f"matter_type = (SELECT {field.format('matter_type')} {latest}), "
               f"window_code = (SELECT {field.format('window')} {latest})")


def downgrade() -> None:
    if _postgres():
        for column in SEARCHED:
            op.drop_index(f"ix_matter_lower_{column}_trgm", table_name="matter", schema=SCHEMA)
    for column in FILTERS:
        op.drop_index(f"ix_matter_{column}_code", table_name="matter", schema=SCHEMA)
    with op.batch_alter_table("matter", schema=SCHEMA) as batch_op:
        for column in ("window_code", "matter_type", "latest_state", "latest_version"):
            batch_op.drop_column(column)
    with op.batch_alter_table("feed_entry", schema=SCHEMA) as batch_op:
        batch_op.drop_column("release_state")
    op.drop_table("catalog_setting", schema=SCHEMA)
