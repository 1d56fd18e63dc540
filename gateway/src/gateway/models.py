"""Gateway tables: accounts, sign-in sessions, API keys."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from gateway.db import metadata, registry
from kit.audit import audit_table
from kit.db import UtcDateTime


class GatewayTable(SQLModel, registry=registry):
    """Base of every gateway table (schema `gateway`)."""


def stamp(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(UtcDateTime(), nullable=nullable))


class Account(GatewayTable, table=True):
    """A person who signs in: roles and the scope they act in."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True)
    password_hash: str = Field(max_length=200)
    display_name: str = Field(max_length=100)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    department: str | None = Field(default=None, max_length=18)
    group_code: str | None = Field(default=None, max_length=20)
    enterprise: str | None = Field(default=None, max_length=18)
    mandators: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    disabled: bool = False


class SignInSession(GatewayTable, table=True):
    """A signed-in browser: the cookie holds the id, the server holds the rest."""

    __tablename__ = "sign_in_session"

    id_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="gateway.account.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = stamp(nullable=False)
    expires_at: datetime = stamp(nullable=False)


class ApiKey(GatewayTable, table=True):
    """A machine client's key, stored hashed (e.g. the provincial catalog system)."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    key_hash: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=100)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = stamp(nullable=False)
    expires_at: datetime = stamp(nullable=False)
    revoked_at: datetime | None = stamp()


audit = audit_table(metadata)
