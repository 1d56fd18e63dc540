"""Tests of the kit, the plumbing every part shares."""
