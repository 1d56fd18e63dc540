"""OneWindow publish."""
