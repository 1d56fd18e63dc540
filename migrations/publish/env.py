"""Alembic environment of the publish schema."""

from alembic import context

import publish.models  # noqa: F401  (registers every table)
from kit.migrations import run_migrations
from publish.db import SCHEMA, metadata

run_migrations(context, schema=SCHEMA, target_metadata=metadata)
