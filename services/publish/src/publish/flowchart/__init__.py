"""Flowcharts drawn from a matter's steps, and the staff business handbook (业务手册)."""
