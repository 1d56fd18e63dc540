"""Alembic environment of the intake schema."""

from alembic import context

import intake.models  # noqa: F401  (registers every table)
from intake.db import SCHEMA, metadata
from kit.migrations import run_migrations

run_migrations(context, schema=SCHEMA, target_metadata=metadata)
