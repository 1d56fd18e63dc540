"""A review app on the migrated test database, with the demo groups and a fake catalog."""

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from kit.db import Database
from review import demo
from review.config import ReviewSettings
from review.main import create_app
from review.models import outbox
from tests.conftest import envelope, token

PLANNING_DEPARTMENT = {"code": "11430100707230200T", "name": "自然资源和规划局"}


def service_token() -> dict[str, str]:
    return token("service", sub="service:catalog")


def reviewer(group: str = "G1") -> dict[str, str]:
    return token("reviewer", sub=f"reviewer-{group}", group=group)


def lead(group: str = "G1") -> dict[str, str]:
    return token("lead", "reviewer", sub=f"lead-{group}", group=group)


def standard(**changes: Any) -> dict[str, Any]:
    """A small matter standard as catalog submits it (no version, no published_at)."""
    document: dict[str, Any] = {
        "implementation_code": "114301007072302000XK0000100001", "basic_code": "XK00001000",
        "name": "建设工程规划许可证核发", "matter_type": "01", "exercise_level": "3",
        "department": PLANNING_DEPARTMENT, "window": "planning", "service_objects": ["enterprise"],
        "legal_basis": [{"law": "中华人民共和国城乡规划法", "article": "第四十条", "text": "…"}],
        "conditions": ["已取得建设用地使用权"],
        "materials": [{"name": "建设工程规划许可申请表", "required": True, "form": "either",
                       "originals": 1, "copies": 0, "source": "applicant",
                       "legal_basis": [], "notes": None}],
        "statutory_limit": 20, "committed_limit": 10, "limit_unit": "working_day",
    }
    return document | changes


def submission(*, code: str = "114301007072302000XK0000100001", version: int = 1,
               window: str | None = "planning", previous_version: int | None = None,
               answers: list[dict[str, Any]] | None = None,
               **standard_changes: Any) -> dict[str, Any]:
    """The payload of `matter_version.submitted`."""
    return {"implementation_code": code, "version": version, "name": "建设工程规划许可证核发",
            "department": PLANNING_DEPARTMENT, "window": window,
            "standard": standard(implementation_code=code, window=window, **standard_changes),
            "previous_version": previous_version, "submitted_by": "editor",
            "answers": answers or []}


@pytest.fixture
def deliveries() -> list[dict[str, Any]]:
    """What the fake catalog received on /internal/events."""
    return []


@pytest.fixture
def client(db_url: str, deliveries: list[dict[str, Any]]) -> Iterator[TestClient]:
    """The review app with the demo groups; its outbox relay delivers to a fake catalog."""

    def catalog(request: httpx.Request) -> httpx.Response:
        deliveries.append({"url": str(request.url), "authorization": request.headers.get(
            "authorization", ""), "envelope": json.loads(request.content)})
        return httpx.Response(200, json={"status": "applied"})

    settings = ReviewSettings(database_url=db_url, relay_interval=0.05)
    app = create_app(settings, transport=httpx.MockTransport(catalog))
    with TestClient(app) as test_client:
        with app.state.db.session() as session:
            demo.load(session)
        yield test_client


@pytest.fixture
def deliver(client: TestClient) -> Callable[..., httpx.Response]:
    """POST one event envelope to /internal/events as catalog would."""

    def post(payload: dict[str, Any], *, event_id: str | None = None,
             event_type: str = "matter_version.submitted") -> httpx.Response:
        event = envelope(event_type, payload, event_id=event_id)
        return client.post("/internal/events", json=event, headers=service_token())

    return post


def guidance() -> dict[str, str]:
    """The technical guidance group (技术指导组), which makes the preliminary check."""
    return token("guidance", sub="guidance")


@pytest.fixture
def submitted_case(deliver: Callable[..., httpx.Response],
                   db_url: str) -> Callable[..., int]:
    """Deliver a submission and return the id of the case it opened (awaiting the
    preliminary check, unless an earlier round of the version passed it)."""

    def submit(**kwargs: Any) -> int:
        response = deliver(submission(**kwargs))
        assert response.status_code == 200, response.text
        return int(emitted(db_url, "review.case_opened")[-1]["case_id"])

    return submit


@pytest.fixture
def open_case(client: TestClient, submitted_case: Callable[..., int]) -> Callable[..., int]:
    """Deliver a submission, pass its preliminary check, and return the id of the case, now
    open to its review group."""

    def submit(**kwargs: Any) -> int:
        case_id = submitted_case(**kwargs)
        state = client.get(f"/api/review/v1/cases/{case_id}", headers=guidance()).json()["state"]
        if state == "precheck":
            passed = client.post(f"/api/review/v1/preliminary/cases/{case_id}/check",
                                 headers=guidance(), json={"result": "passed"})
            assert passed.status_code == 201, passed.text
        return case_id

    return submit


def emitted(db_url: str, event_type: str) -> list[dict[str, Any]]:
    """Payloads of the events of `event_type` in review's outbox, oldest first."""
    db = Database(db_url, "review")
    try:
        with db.session(write=False) as session:
            rows = session.execute(select(outbox.c.payload).where(outbox.c.type == event_type)
                                   .order_by(outbox.c.created_at, outbox.c.id)).all()
    finally:
        db.dispose()
    return [row.payload for row in rows]


def wait_for(condition: Callable[[], Any], seconds: float = 10.0) -> Any:
    """Poll `condition` until it is truthy (bounded); return its last value."""
    deadline = time.monotonic() + seconds
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return value
