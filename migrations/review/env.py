"""Alembic environment of the review schema."""

from alembic import context

import review.models  # noqa: F401  (registers every table)
from kit.migrations import run_migrations
from review.db import SCHEMA, metadata

run_migrations(context, schema=SCHEMA, target_metadata=metadata)
