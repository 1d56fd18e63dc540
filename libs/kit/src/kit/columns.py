"""Column helpers every part's SQLModel tables share; nullability is always said explicitly."""

from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from kit.db import UtcDateTime


def json_column(*, nullable: bool) -> Any:
    """A JSON document column."""
    return Field(default=None, sa_column=Column(JSON, nullable=nullable))


def timestamp(*, nullable: bool) -> Any:
    """A UTC timestamp column (aware on both databases)."""
    return Field(default=None, sa_column=Column(UtcDateTime(), nullable=nullable))
