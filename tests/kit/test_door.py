"""kit.door in every service: a body is counted as it streams (no Content-Length needed) and
refused with 413 once past the limit; paths with dot segments or control characters are 400."""

import importlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from kit.door import PlainRequest
from tests.conftest import envelope, token
from tests.loops import on_a_thread

SERVICES = ("catalog", "intake", "review", "publish")
SERVICE = token("service", sub="service:catalog")
MB = 1024 * 1024


@pytest.fixture(params=SERVICES)
def service(request: pytest.FixtureRequest, db_url: str) -> Iterator[TestClient]:
    """One of the four services with a 1 MB body limit."""
    name = request.param
    settings_class = getattr(importlib.import_module(f"{name}.config"),
                             f"{name.capitalize()}Settings")
    app = importlib.import_module(f"{name}.main").create_app(
        settings_class(database_url=db_url, max_upload_mb=1))
    with TestClient(app) as client:
        yield client


def chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    """A body of `total` bytes sent in chunks, without a Content-Length."""
    yield b'{"id": "e1", "type": "matter.cancelled", "payload": {"pad": "'
    for _ in range(total // size):
        yield b"x" * size
    yield b'"}}'


def test_a_body_past_the_limit_is_413_in_every_service_chunked_or_declared(
        service: TestClient) -> None:
    json_type = {**SERVICE, "content-type": "application/json"}
    chunked = service.post("/internal/events", content=chunks(3 * MB), headers=json_type)
    assert chunked.status_code == 413
    assert chunked.headers["content-type"] == "application/problem+json"
    assert "1 MB" in chunked.json()["detail"]
    declared = service.post("/internal/events", content=b"x" * (MB + 1), headers=json_type)
    assert declared.status_code == 413
    within = service.post("/internal/events", headers=SERVICE,
                          json=envelope("no.such.event", {"pad": "x" * (MB // 2)}))
    assert within.status_code == 422  # read and judged, not refused for its size


def test_dot_segments_and_control_characters_are_400_in_every_service(
        service: TestClient) -> None:
    for path in ("/api/x/%2e%2e/readyz", "/api/x/.%2e/%2E./readyz", "/readyz%00",
                 "/api/%2e%2e/internal/events", "/api/x%2f..%2freadyz",
                 "/api/x/%252e%252e/readyz", "/readyz/%0a"):
        response = service.get(path)
        assert response.status_code == 400, path
        assert response.headers["content-type"] == "application/problem+json"
    assert service.get("/readyz").status_code == 200


def test_a_query_that_is_not_ascii_is_400_before_any_route() -> None:
    reached: list[bytes] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        reached.append(scope["query_string"])

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    def scope(query: bytes) -> Scope:
        return {"type": "http", "method": "GET", "path": "/api/publish/v1/guides",
                "raw_path": b"/api/publish/v1/guides", "query_string": query, "headers": []}

    door = PlainRequest(app)
    on_a_thread(door(scope(b"q=\xff\xfe"), receive, send))  # raw bytes, as a bad client sends
    on_a_thread(door(scope(b"q=%FF"), receive, send))  # percent-encoded: passed on

    assert sent[0]["status"] == 400 and b"percent-encode" in sent[1]["body"]
    assert reached == [b"q=%FF"]
