"""kit.metrics on a part of its own (as each service runs in distributed mode): its requests
by route template, one series for paths no route took, and /ops/metrics for the token only."""

import re
from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from kit.app import create_part_app
from kit.metrics import REGISTRY
from tests.kit.conftest import PART, Settings

TOKEN = "a-metrics-token"
router = APIRouter()


@router.get("/things/{thing_id}")
def thing(thing_id: int) -> dict[str, int]:
    """One thing."""
    return {"id": thing_id}


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    app = create_part_app(name=PART, settings=Settings(database_url=db_url,
                                                       metrics_token=TOKEN), routers=[router])
    with TestClient(app) as test_client:
        yield test_client


def lines(client: TestClient) -> list[str]:
    answer = client.get("/ops/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return answer.text.splitlines()


def test_a_part_counts_its_requests_by_route_template(client: TestClient) -> None:
    for thing_id in ("1", "2", "x"):
        client.get(f"/things/{thing_id}")
    client.get("/no/such/path/12345")
    text = "\n".join(lines(client))
    assert (f'onewindow_http_requests_total{{method="GET",part="{PART}",'
            f'route="/things/{{thing_id}}",status="200"}}') in text
    assert 'route="/things/{thing_id}",status="422"' in text
    assert 'route="<unmatched>",status="404"' in text
    routes = set(re.findall(r'route="([^"]*)"', text))  # templates, never the paths asked for
    assert not any("12345" in route or route == "/things/1" for route in routes), routes


def test_a_part_without_the_token_refuses(client: TestClient) -> None:
    assert client.get("/ops/metrics").status_code == 401
    assert client.get("/ops/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_every_request_is_counted_and_timed_again(client: TestClient) -> None:
    series = {"part": PART, "method": "GET", "route": "/things/{thing_id}"}

    def figures() -> tuple[float, float]:
        count = REGISTRY.get_sample_value("onewindow_http_requests_total",
                                          {**series, "status": "200"}) or 0.0
        timed = REGISTRY.get_sample_value("onewindow_http_request_duration_seconds_count",
                                          series) or 0.0
        return count, timed

    before = figures()
    for thing_id in ("1", "2", "3"):
        client.get(f"/things/{thing_id}")

    assert figures() == (before[0] + 3, before[1] + 3)
