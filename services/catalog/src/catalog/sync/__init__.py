"""The provincial catalog system's API: basic-catalog batches in, the change feed and matter
documents out, anomalies the province reports."""
