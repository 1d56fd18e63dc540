"""The gateway's own registry: accounts, sessions and API keys in the `gateway` schema."""

from kit.db import schema_registry

SCHEMA = "gateway"
registry = schema_registry(SCHEMA)
metadata = registry.metadata
