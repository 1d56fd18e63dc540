"""Alembic environment of the review schema."""

import review.models  # noqa: F401  (registers every table)
from alembic import context
from kit.migrations import run_migrations
from review.db import SCHEMA, metadata

run_migrations(context, schema=SCHEMA, target_metadata=metadata)
