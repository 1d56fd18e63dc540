"""Pilot first, then roll out (先试点、后推开), and local matters derived from the basic catalog."""
