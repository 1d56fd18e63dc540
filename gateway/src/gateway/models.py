"""Gateway tables: accounts, their units and invitations, sign-in sessions, sign-in
throttles, API keys, the kept copy of the layout, the outbox."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from gateway.db import metadata, registry
from kit.audit import audit_table
from kit.db import UtcDateTime
from kit.outbox import outbox_table


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
    # The reviewer's unit (单位): the body a member of a joint review group comes from.
    unit: str | None = Field(default=None, max_length=20, foreign_key="gateway.unit.code")
    disabled: bool = False
    # Sessions opened before this instant are dead (set when the account is disabled).
    sessions_after: datetime | None = stamp()
    # TOTP (RFC 6238): the secret encrypted with a key derived from the token secret; it is
    # pending until a first code confirms it (totp_enabled_at).
    totp_secret: str | None = Field(default=None, max_length=200)
    totp_enabled_at: datetime | None = stamp()
    totp_last_step: int | None = None  # a code is accepted once
    recovery_codes: list[str] = Field(default_factory=list,
                                      sa_column=Column(JSON, nullable=False))  # SHA-256 hashes


class Unit(GatewayTable, table=True):
    """A unit (单位) reviewers are drawn from, e.g. 司法局: a code that stays, a name."""

    code: str = Field(primary_key=True, max_length=20)
    name: str = Field(max_length=100, unique=True)


class Invitation(GatewayTable, table=True):
    """A one-time link to set an account's password (an invitation, or a reset): only a hash
    of its token is kept; it is used once, before it expires."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="gateway.account.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_by: str = Field(max_length=80)
    created_at: datetime = stamp(nullable=False)
    expires_at: datetime = stamp(nullable=False)
    used_at: datetime | None = stamp()


class SignInSession(GatewayTable, table=True):
    """A signed-in browser: the cookie holds the id, the server holds the rest."""

    __tablename__ = "sign_in_session"

    id_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="gateway.account.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = stamp(nullable=False)
    expires_at: datetime = stamp(nullable=False)
    last_seen_at: datetime = stamp(nullable=False)
    # "full" once every factor is given; "code" waits for the one-time code, "enrol" for the
    # second factor's enrolment. Only a full session acts for its account.
    stage: str = Field(default="full", max_length=8)


class SignInThrottle(GatewayTable, table=True):
    """Failed sign-ins of one account or one address: growing delays, then a lock."""

    __tablename__ = "sign_in_throttle"

    key: str = Field(primary_key=True, max_length=200)  # "account:<name>" or "address:<ip>"
    failures: int = 0
    last_failure_at: datetime = stamp(nullable=False)
    blocked_until: datetime | None = stamp()


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


class LayoutCopy(GatewayTable, table=True):
    """The last good copy of the catalog's layout of the matter standard (one row), so pages
    keep their labels when the gateway starts while the catalog is away."""

    __tablename__ = "layout_copy"

    id: int = Field(default=1, primary_key=True)
    etag: str = Field(max_length=80)
    body: str = Field(sa_column=Column(Text, nullable=False))
    fetched_at: datetime = stamp(nullable=False)


audit = audit_table(metadata)
outbox = outbox_table(metadata)
