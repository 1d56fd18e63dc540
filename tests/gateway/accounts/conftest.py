"""The embedded platform on the test database (both backends) with the demo accounts and
units, review's groups, and the catalog's departments and windows (what an account's scope
names); the administrators signed in by name."""

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from catalog.demo_data import DEPARTMENTS, WINDOWS
from catalog.models import Department, Window
from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.main import create_app
from kit.db import Database
from tests import builders


def catalog_scopes(db_url: str) -> None:
    """The demo zone's departments and windows, without its matters."""
    db = Database(db_url, "catalog")
    try:
        with db.session() as s:
            s.add_all([Department(code=code, name=name) for code, name in DEPARTMENTS])
            s.add_all([Window(code=code, name=name) for code, name in WINDOWS])
    finally:
        db.dispose()


@pytest.fixture
def platform(db_url: str) -> Iterator[TestClient]:
    """The embedded platform: demo accounts and units, review groups, departments."""
    load_demo(db_url, ("gateway", "review"))
    catalog_scopes(db_url)
    settings = GatewaySettings(database_url=db_url, relay_interval=0.1)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def as_(platform: TestClient) -> Callable[[str], dict[str, str]]:
    """Sign in as a demo account: `as_("admin")` → the CSRF header."""
    return lambda username: builders.sign_in(platform, username)
