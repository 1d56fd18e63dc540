"""The publish service's own registry: every table lives in the `publish` schema."""

from kit.db import schema_registry

SCHEMA = "publish"
registry = schema_registry(SCHEMA)
metadata = registry.metadata
