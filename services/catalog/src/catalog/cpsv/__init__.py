"""CPSV-AP 3.2.0: published matters as JSON-LD public services."""
