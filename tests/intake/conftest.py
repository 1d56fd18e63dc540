"""An intake app on the migrated test database, fed by catalog events the tests send."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from intake.config import IntakeSettings
from intake.main import create_app
from tests.intake.support import publish


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """The intake app on the emptied test database."""
    with TestClient(create_app(IntakeSettings(database_url=db_url))) as test_client:
        yield test_client


@pytest.fixture
def published(client: TestClient) -> TestClient:
    """The client, with version 1 of the planning matter published."""
    publish(client)
    return client
