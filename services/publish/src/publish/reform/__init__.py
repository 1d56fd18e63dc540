"""Reform metrics computed from the published versions publish keeps (public)."""
