"""Tests of the review service."""
