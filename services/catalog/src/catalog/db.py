"""The catalog's own registry: every table lives in the `catalog` schema."""

from kit.db import schema_registry

SCHEMA = "catalog"
registry = schema_registry(SCHEMA)
metadata = registry.metadata
