"""A publish app on the migrated test database, and helpers to feed it events."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from publish.config import PublishSettings
from publish.main import create_app
from tests.conftest import token
from tests.publish.documents import published

CATALOG = token("service", sub="service:catalog")
VISITOR = token("public", sub="anonymous")


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """The publish service on an empty, migrated database."""
    with TestClient(create_app(PublishSettings(database_url=db_url))) as client:
        yield client


@pytest.fixture
def deliver(client: TestClient) -> Callable[[dict[str, Any]], Any]:
    """Deliver one envelope as catalog's relay would; return the response."""
    return lambda envelope: client.post("/internal/events", json=envelope, headers=CATALOG)


@pytest.fixture
def publish(deliver: Callable[[dict[str, Any]], Any]) -> Callable[..., None]:
    """Publish documents and insist each was applied."""

    def apply(*documents: dict[str, Any]) -> None:
        for document in documents:
            response = deliver(published(document))
            assert response.status_code == 200, response.text

    return apply
