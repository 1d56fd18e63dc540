"""OneWindow catalog."""
