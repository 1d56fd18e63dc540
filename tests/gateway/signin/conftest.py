"""The gateway on the test database (both backends), with accounts made for each test.

The four services run in-process but hold nothing: signing in touches only the gateway.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import col

from gateway import identity, two_factor
from gateway.config import GatewaySettings
from gateway.main import create_app
from gateway.models import Account, SignInSession, audit
from kit.db import Database

PASSWORD = "correct-horse-battery-staple"
PRODUCTION_SECRET = "a-production-token-secret-of-48-bytes-0123456789"
Gateway = Callable[..., Any]


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """The gateway's schema of the emptied test database."""
    db = Database(db_url, "gateway")
    yield db
    db.dispose()


@pytest.fixture
def account(database: Database) -> Callable[..., str]:
    """Make an account: `account("zhou", ["editor"])` → its username."""

    def make(username: str, roles: list[str], password: str = PASSWORD) -> str:
        with database.session() as s:
            identity.create_account(s, username=username, password=password,
                                    display_name=username, roles=roles)
        return username

    return make


@pytest.fixture
def gateway(db_url: str) -> Iterator[Gateway]:
    """Start the gateway with some settings: `with gateway(env="production") as client`."""

    @contextmanager
    def start(**overrides: Any) -> Iterator[TestClient]:
        settings = GatewaySettings(database_url=db_url, relay_interval=5, **overrides)
        base = "http://testserver" if settings.development else "https://testserver"
        with TestClient(create_app(settings), base_url=base) as client:
            yield client

    return start


@pytest.fixture
def client(gateway: Gateway) -> Iterator[TestClient]:
    """The gateway in development mode, with low limits: 2 free failures, the 3rd locks."""
    with gateway(sign_in_free_failures=2, sign_in_lock_failures=3,
                 sign_in_address_factor=2) as client:
        yield client


def sign_in(client: TestClient, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    """The API sign-in's answer."""
    return client.post("/api/auth/sign-in",
                       json={"username": username, "password": password, **extra})


def stored(database: Database, username: str) -> Account:
    with database.session(write=False) as s:
        found = s.scalars(select(Account).where(col(Account.username) == username)).one()
        s.expunge(found)
        return found


def sessions_of(database: Database, username: str) -> list[SignInSession]:
    account = stored(database, username)
    with database.session(write=False) as s:
        return list(s.scalars(select(SignInSession)
                              .where(col(SignInSession.account_id) == account.id)))


def actions(database: Database) -> list[str]:
    """Every action in the gateway's audit trail, oldest first."""
    with database.session(write=False) as s:
        return list(s.scalars(select(audit.c.action).order_by(audit.c.id)))


def current_code(database: Database, username: str, *, later: int = 0) -> str:
    """The account's TOTP code now (or `later` steps on), as the authenticator app shows it."""
    sealed = stored(database, username).totp_secret or ""
    secret = two_factor.unseal(GatewaySettings().token_secret, sealed)
    assert secret is not None
    return pyotp.TOTP(secret).generate_otp(int(time.time()) // 30 + later)
