"""A department's to-do list: provincial anomalies, legal-basis revisions, returned reviews."""
