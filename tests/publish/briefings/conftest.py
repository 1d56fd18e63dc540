"""Staff tokens of the briefings desk and a helper that takes a briefing through its states."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import token
from tests.publish.progress.conftest import move  # noqa: F401  (catalog's moves, as a fixture)

PUBLISHER = token("publisher", sub="publisher")
SUPERVISOR = token("supervisor", sub="supervisor")
LEADER = token("leader", sub="leader")
VISITOR = token("public", sub="anonymous")
API = "/api/publish/v1/briefings"
NOVEMBER = {"period_start": "2026-11-01", "period_end": "2026-11-30"}


def drafted(client: TestClient, period: dict[str, str] = NOVEMBER, **extra: Any
            ) -> dict[str, Any]:
    """A new draft from the template, as the publisher makes it."""
    answer = client.post(f"{API}/drafts", json={**period, **extra}, headers=PUBLISHER)
    assert answer.status_code == 201, answer.text
    return answer.json()  # type: ignore[no-any-return]


def approved(client: TestClient, **extra: Any) -> int:
    """A briefing drafted, submitted and approved; its id."""
    briefing_id = int(drafted(client, **extra)["id"])
    for step, who in (("submit", PUBLISHER), ("approve", LEADER)):
        answer = client.post(f"{API}/drafts/{briefing_id}/{step}", headers=who)
        assert answer.status_code == 200, answer.text
    return briefing_id


@pytest.fixture
def approve(client: TestClient) -> Any:
    """`approved` bound to the test's client."""
    return lambda **extra: approved(client, **extra)
