"""OneWindow kit."""
