"""Prometheus metrics of every part (issue 7, point 15), on the embedded platform: requests by
route template and status, latency, the outbox (backlog, oldest age, dead letters) and sign-in
failures, for the bearer of the operator's metrics token only. On SQLite and PostgreSQL."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select, update

from catalog.models import outbox
from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.main import create_app
from kit.clock import now
from kit.db import Database
from tests.builders import eventually
from tests.conftest import truncate_all

TOKEN = "operator-metrics-token-for-tests"
OPERATOR = {"Authorization": f"Bearer {TOKEN}"}
GUIDE = "/api/publish/v1/guides/430103-01-0002"

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture(scope="module")
def platform(database_url: str) -> Iterator[TestClient]:
    """The embedded platform with the demo zone and a metrics token (one for the module:
    each test asserts on differences, or on what only it changes)."""
    truncate_all(database_url)
    load_demo(database_url)
    settings = GatewaySettings(database_url=database_url, relay_interval=0.1,
                               metrics_token=TOKEN)
    with TestClient(create_app(settings)) as client:
        yield client


def scrape(client: TestClient) -> Samples:
    """Every sample the gateway's /ops/metrics shows, by name and labels."""
    answer = client.get("/ops/metrics", headers=OPERATOR)
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "private, no-store"
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(answer.text) for s in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_requests_are_counted_by_route_template_and_status_in_every_part(
        platform: TestClient) -> None:
    eventually(lambda: platform.get(GUIDE).status_code == 200, what="the demo guides")
    before = scrape(platform)
    assert platform.get(GUIDE).status_code == 200
    assert platform.get("/api/publish/v1/guides/430103-01-9999").status_code == 404
    after = scrape(platform)
    route = "/api/publish/v1/guides/{implementation_code}"
    for status in ("200", "404"):
        key = {"part": "publish", "method": "GET", "route": route, "status": status}
        assert value(after, "onewindow_http_requests_total", **key) \
            - value(before, "onewindow_http_requests_total", **key) == 1
    door = {"part": "gateway", "method": "GET", "route": "/api/{prefix}/{path:path}",
            "status": "200"}
    assert value(after, "onewindow_http_requests_total", **door) >= 1
    latency = {"part": "publish", "method": "GET", "route": route}
    assert value(after, "onewindow_http_request_duration_seconds_count", **latency) >= 2
    assert value(after, "onewindow_http_request_duration_seconds_bucket", le="+Inf",
                 **latency) >= 2
    assert not any("430103-01-9999" in str(labels) for _, labels in after)


def test_the_outbox_backlog_its_age_and_dead_letters_are_exported(platform: TestClient,
                                                                  database_url: str) -> None:
    eventually(lambda: value(scrape(platform), "onewindow_outbox_backlog", part="catalog") == 0,
               what="the demo events to be delivered")
    samples = scrape(platform)
    for part in ("catalog", "intake", "review"):
        assert ("onewindow_outbox_dead_letters", frozenset({("part", part)})) in samples
    assert value(samples, "onewindow_outbox_oldest_age_seconds", part="catalog") == 0
    db = Database(database_url, "catalog")
    with db.session() as s:  # two delivered events parked instead, as after refusals
        two = list(s.execute(select(outbox.c.id).order_by(outbox.c.id).limit(2)).scalars())
        s.execute(update(outbox).where(outbox.c.id.in_(two))
                  .values(parked_at=now(), delivered_at=None))
    db.dispose()
    assert value(scrape(platform), "onewindow_outbox_dead_letters", part="catalog") == 2


def test_sign_in_failures_are_counted(platform: TestClient) -> None:
    before = value(scrape(platform), "onewindow_sign_in_failures_total")
    for _ in range(3):
        wrong = platform.post("/api/auth/sign-in",
                              json={"username": "nobody-here", "password": "not-the-password"})
        assert wrong.status_code == 401
    assert value(scrape(platform), "onewindow_sign_in_failures_total") - before == 3


def test_metrics_are_for_the_operator_only(platform: TestClient) -> None:
    for authorization in ("", "Bearer wrong", f"Basic {TOKEN}", "Bearer " + TOKEN[:-1]):
        headers = {"Authorization": authorization} if authorization else {}
        refused = platform.get("/ops/metrics", headers=headers)
        assert refused.status_code == 401 and "onewindow_" not in refused.text
    answer = platform.post("/api/auth/sign-in",
                           json={"username": "admin", "password": "onewindow-demo"})
    assert answer.status_code == 200  # a signed-in administrator is not the operator
    assert platform.get("/ops/metrics").status_code == 401
    assert platform.get("/api/catalog/ops/metrics").status_code in (403, 404)
    platform.cookies.clear()

