"""Alembic environment of the publish schema."""

import publish.models  # noqa: F401  (registers every table)
from alembic import context
from kit.migrations import run_migrations
from publish.db import SCHEMA, metadata

run_migrations(context, schema=SCHEMA, target_metadata=metadata)
