"""Catalog's moves and review's rounds as publish receives them, on a fixed calendar."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import envelope, token
from tests.publish.conftest import HEALTH, MARKET, PLANNING

CATALOG = token("service", sub="service:catalog")
REVIEW = token("service", sub="service:review")
LEADER = token("leader", sub="leader")
SUPERVISOR = token("supervisor", sub="supervisor")
ADMIN = token("admin", sub="admin")
HEALTH_EDITOR = token("editor", sub="editor-health", department=HEALTH["code"])
PLANNING_EDITOR = token("editor", sub="editor", department=PLANNING["code"])
API = "/api/publish/v1/progress"
__all__ = ["HEALTH", "MARKET", "PLANNING"]

Move = Callable[..., None]


def moved(code: str, to: str, at: str, *, version: int = 1, department: dict[str, str] = PLANNING,
          before: str | None = None, name: str | None = None) -> dict[str, Any]:
    """A `matter_version.state_changed` envelope."""
    return envelope("matter_version.state_changed", {
        "implementation_code": code, "name": name or f"事项{code[-2:]}",
        "department": department, "version": version, "from_state": before, "to_state": to,
        "at": f"{at}T10:00:00+08:00"})


@pytest.fixture
def move(client: TestClient) -> Move:
    """Deliver moves of one matter, each (state, day), as catalog's relay would."""

    def deliver(code: str, *steps: tuple[str, str], before: str | None = None,
                **options: Any) -> None:
        for to, day in steps:
            response = client.post("/internal/events", headers=CATALOG,
                                   json=moved(code, to, day, before=before, **options))
            assert response.status_code == 200, response.text
            before = to

    return deliver


def journey(*returns: str) -> list[tuple[str, str]]:
    """Draft in January, submitted, returned on each of `returns` (and resubmitted)."""
    steps = [("draft", "2026-01-05"), ("submitted", "2026-01-20"), ("in_review", "2026-01-21")]
    for day in returns:
        steps += [("returned", day), ("submitted", day), ("in_review", day)]
    return steps
