"""Alembic for one part: one migration tree and one version table per schema, on both databases."""

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, text

from kit.audit import GENESIS, entry_hash
from kit.db import Database, UtcDateTime, is_sqlite

ALEMBIC_INI = Path(__file__).resolve().parents[4] / "alembic.ini"


def run_migrations(context: Any, *, schema: str, target_metadata: MetaData) -> None:
    """The body of every part's env.py: migrate `schema` on the configured database."""
    url = context.config.get_main_option("sqlalchemy.url") or os.environ.get(
        f"{schema.upper()}_DATABASE_URL", os.environ.get("ONEWINDOW_DATABASE_URL", "sqlite:///var"))
    db = Database(url, schema)
    try:
        with db.writer.connect() as connection:
            if not is_sqlite(url):
                connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
                connection.commit()
            context.configure(
                connection=connection, target_metadata=target_metadata,
                version_table_schema=schema, include_schemas=True,
                include_name=lambda name, kind, _: kind != "schema" or name == schema,
                compare_type=True, render_as_batch=is_sqlite(url),
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        db.dispose()


def alembic_config(part: str, url: str) -> Config:
    """The Alembic config of `part` (a section of the root alembic.ini) pointed at `url`."""
    config = Config(str(ALEMBIC_INI), ini_section=part)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(part: str, url: str, revision: str = "heads") -> None:
    """Migrate `part` on `url` up to `revision`."""
    command.upgrade(alembic_config(part, url), revision)


def downgrade(part: str, url: str, revision: str = "base") -> None:
    """Migrate `part` on `url` down to `revision`."""
    command.downgrade(alembic_config(part, url), revision)


def check(part: str, url: str) -> None:
    """Raise when the models and the migrations disagree."""
    command.check(alembic_config(part, url))


# --- the audit trail's chain (issue 7): one migration per part calls these ------------------

AUDIT_CONTEXT = (("role", 120), ("address", 64), ("request_id", 100), ("outcome", 20))


def add_audit_chain(op: Any, schema: str) -> None:
    """Add the context and hash columns to `schema`.audit_entry and chain the entries there."""
    with op.batch_alter_table("audit_entry", schema=schema) as batch:
        for name, length in (*AUDIT_CONTEXT, ("prev_hash", 64), ("hash", 64)):
            batch.add_column(sa.Column(name, sa.String(length), nullable=True))
    table = sa.Table("audit_entry", sa.MetaData(schema=schema), autoload_with=op.get_bind())
    table.c.at.type = UtcDateTime()
    previous = GENESIS
    for row in op.get_bind().execute(sa.select(table).order_by(table.c.id)).all():
        values = {**row._mapping, "prev_hash": previous}
        previous = entry_hash(values)
        op.get_bind().execute(table.update().where(table.c.id == row.id)
                              .values(prev_hash=values["prev_hash"], hash=previous))
    with op.batch_alter_table("audit_entry", schema=schema) as batch:
        for name in ("prev_hash", "hash"):
            batch.alter_column(name, existing_type=sa.String(64), nullable=False)


def drop_audit_chain(op: Any, schema: str) -> None:
    """Undo `add_audit_chain`."""
    with op.batch_alter_table("audit_entry", schema=schema) as batch:
        for name in ("hash", "prev_hash", *reversed([n for n, _ in AUDIT_CONTEXT])):
            batch.drop_column(name)


def grant_runtime(part: str, url: str, role: str, password: str | None = None) -> None:
    """PostgreSQL: let `role` (the services' login) read and write `part`'s tables, except that
    it may only insert into and read the audit trail; created first when a password is given."""
    if is_sqlite(url):
        return
    db = Database(url, part)
    try:
        with db.writer.begin() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                  {"r": role}).first()
            quoted = conn.dialect.identifier_preparer.quote(role)
            if not exists and password:
                literal = "'" + password.replace("'", "''") + "'"  # DDL takes no parameters
                conn.exec_driver_sql(f"CREATE ROLE {quoted} LOGIN PASSWORD {literal}")
            schema = f'"{part}"'
            conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {quoted}")
            conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
                                 f"{schema} TO {quoted}")
            conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} "
                                 f"TO {quoted}")
            for table, kept in (("audit_entry", "SELECT, INSERT"), ("alembic_version", "SELECT")):
                conn.exec_driver_sql(f"REVOKE ALL ON {schema}.{table} FROM {quoted}")
                conn.exec_driver_sql(f"GRANT {kept} ON {schema}.{table} TO {quoted}")
    finally:
        db.dispose()
