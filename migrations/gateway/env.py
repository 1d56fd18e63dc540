"""Alembic environment of the gateway schema."""

from alembic import context

import gateway.models  # noqa: F401  (registers every table)
from gateway.db import SCHEMA, metadata
from kit.migrations import run_migrations

run_migrations(context, schema=SCHEMA, target_metadata=metadata)
