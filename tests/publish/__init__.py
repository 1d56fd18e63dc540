"""Tests of the publish service."""
