"""OneWindow review."""
