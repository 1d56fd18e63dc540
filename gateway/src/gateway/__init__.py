"""OneWindow gateway."""
