"""OneWindow intake."""
