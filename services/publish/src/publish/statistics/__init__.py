"""Handling times and satisfaction from intake's closed and rated cases; the public figures."""
