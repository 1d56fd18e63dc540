"""The review's own registry: every table lives in the `review` schema."""

from kit.db import schema_registry

SCHEMA = "review"
registry = schema_registry(SCHEMA)
metadata = registry.metadata
