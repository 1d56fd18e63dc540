"""Alembic for one part: one migration tree and one version table per schema, on both databases."""

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, text

from kit.db import Database, is_sqlite

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
