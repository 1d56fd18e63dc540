"""Alembic environment of the catalog schema."""

from alembic import context

import catalog.main  # noqa: F401  (imports every module, so every table is registered)
from catalog.db import SCHEMA, metadata
from kit.migrations import run_migrations

run_migrations(context, schema=SCHEMA, target_metadata=metadata)
