"""Alembic environment of the catalog schema."""

from alembic import context

import catalog.models  # noqa: F401  (registers every table)
from catalog.db import SCHEMA, metadata
from kit.migrations import run_migrations

run_migrations(context, schema=SCHEMA, target_metadata=metadata)
