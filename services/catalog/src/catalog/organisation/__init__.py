"""The zone's organisation as the catalog keeps it: departments and the hall's windows."""
