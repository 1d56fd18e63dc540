"""kit.metrics on a part of its own (as each service runs in distributed mode): its requests
by route template, one series for paths no route took, and /ops/metrics for the token only."""

from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from kit.app import create_part_app
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
    assert "12345" not in text and "/things/1" not in text


def test_a_part_without_the_token_refuses(client: TestClient) -> None:
    assert client.get("/ops/metrics").status_code == 401
    assert client.get("/ops/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
