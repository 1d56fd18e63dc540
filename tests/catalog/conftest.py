"""The catalog app on the migrated test database: alone with the zone's departments and
windows, or with the whole demo zone; relays deliver nowhere."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from fastapi.testclient import TestClient

from catalog import demo
from catalog.config import CatalogSettings
from catalog.main import create_app
from kit.db import Database
from tests.builders import seed_reference_data


@contextmanager
def _running(db_url: str) -> Iterator[TestClient]:
    app = create_app(CatalogSettings(database_url=db_url, relay_interval=3600))
    with TestClient(app) as client:
        yield client


@pytest.fixture
def start_catalog(db_url: str) -> Callable[[], AbstractContextManager[TestClient]]:
    """Start (another) catalog app on the test database, e.g. after writing to it directly."""
    return lambda: _running(db_url)


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """The catalog with the demo zone's departments and windows, and no matter yet."""
    seed_reference_data(db_url)
    with _running(db_url) as test_client:
        yield test_client


@pytest.fixture
def demo_client(db_url: str) -> Iterator[TestClient]:
    """The catalog with the demo zone loaded by its own loader."""
    db = Database(db_url, "catalog")
    with db.session() as session:
        assert demo.load(session)
    db.dispose()
    with _running(db_url) as test_client:
        yield test_client
