"""The intake's own registry: every table lives in the `intake` schema."""

from kit.db import schema_registry

SCHEMA = "intake"
registry = schema_registry(SCHEMA)
metadata = registry.metadata
