"""bigram search: two-character searches read an index on PostgreSQL

The trigram indexes serve `q` of three characters and more; a two-character `q` (规划, 食品)
scanned the whole table. A GIN index on the bigrams of name and code makes it an index search:
for two characters, holding the bigram is holding the substring (LIKE still checks).

Revision ID: 0010_bigrams
Revises: 0009_window_forms
Create Date: 2026-12-02
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0010_bigrams"
down_revision: str | Sequence[str] | None = "0009_window_forms"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "catalog"


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgres():  # SQLite scans for a substring anyway
        return
    op.execute(f"""CREATE FUNCTION {SCHEMA}.bigrams(text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(lower($1), i, 2)), '{{}}')
        FROM generate_series(1, length($1) - 1) AS i $$""")
    op.execute(f"CREATE INDEX ix_matter_bigrams ON {SCHEMA}.matter "
               f"USING gin ({SCHEMA}.bigrams(name || ' ' || implementation_code))")


def downgrade() -> None:
    if not _postgres():
        return
    op.execute(f"DROP INDEX {SCHEMA}.ix_matter_bigrams")
    op.execute(f"DROP FUNCTION {SCHEMA}.bigrams(text)")
