"""kit.app's events router: each payload is checked against its model once and applied once,
in the same transaction as its record in the inbox."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from kit.app import create_part_app, events_router
from kit.audit import record
from kit.errors import Conflict
from tests.conftest import envelope, token
from tests.kit.conftest import PART, Settings, audit, inbox, rows

SERVICE = token("service", sub="service:catalog")


class MatterNoted(BaseModel):
    """A small payload model: a code and a version from 1 up."""

    implementation_code: str = Field(min_length=1)
    version: int = Field(ge=1)


def on_noted(*, session: Session, event: MatterNoted) -> None:
    """Record the event in the audit trail; refuse the code `refused` as a domain error."""
    if event.implementation_code == "refused":
        raise Conflict("This matter cannot be noted now.")
    record(session, audit, actor="service:catalog", action="matter.noted", entity="matter",
           entity_id=event.implementation_code, after=event.model_dump())


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """A part whose only router is the events router, handling `matter.noted`."""
    router = events_router(inbox, {"matter.noted": (MatterNoted, on_noted)})
    app = create_part_app(name=PART, settings=Settings(database_url=db_url), routers=[router])
    with TestClient(app) as test_client:
        yield test_client


def deliver(client: TestClient, payload: Any, *, event_id: str = "evt-1",
            event_type: str = "matter.noted") -> Any:
    """POST one event as another part's relay would."""
    return client.post("/internal/events", headers=SERVICE,
                       json=envelope(event_type, payload, event_id=event_id))


def test_an_event_is_applied_once_with_its_payload_typed(client: TestClient,
                                                         db_url: str) -> None:
    payload = {"implementation_code": "430103-01-0001", "version": "2"}

    first, again = deliver(client, payload), deliver(client, payload)

    assert (first.json(), again.json()) == ({"status": "applied"}, {"status": "duplicate"})
    assert [r.after for r in rows(db_url, audit)] == [
        {"implementation_code": "430103-01-0001", "version": 2}]
    assert [(r.event_id, r.type) for r in rows(db_url, inbox)] == [("evt-1", "matter.noted")]


def test_a_payload_that_does_not_fit_its_model_is_refused_and_nothing_is_recorded(
        client: TestClient, db_url: str) -> None:
    refused = deliver(client, {"implementation_code": "", "version": 0})

    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["detail"] == "matter.noted payload is not valid."
    assert [e["loc"] for e in problem["errors"]] == [["implementation_code"], ["version"]]
    assert all(set(e) == {"loc", "msg"} and e["msg"] for e in problem["errors"])
    assert rows(db_url, inbox) == [] and rows(db_url, audit) == []

    fixed = deliver(client, {"implementation_code": "430103-01-0001", "version": 1})
    assert fixed.json() == {"status": "applied"}


@pytest.mark.parametrize("payload", [None, [], "text", {"version": 1}])
def test_a_payload_of_the_wrong_shape_is_refused(client: TestClient, db_url: str,
                                                 payload: Any) -> None:
    assert deliver(client, payload).status_code == 422
    assert rows(db_url, inbox) == []


def test_an_unknown_type_or_a_broken_envelope_is_refused(client: TestClient,
                                                         db_url: str) -> None:
    unknown = deliver(client, {"implementation_code": "x", "version": 1},
                      event_type="matter.renamed")
    no_payload = client.post("/internal/events", headers=SERVICE,
                             json={"id": "evt-2", "type": "matter.noted"})

    assert unknown.status_code == 422
    assert "matter.renamed" in unknown.json()["detail"]
    assert no_payload.status_code == 422
    assert "payload" in no_payload.json()["detail"]
    assert rows(db_url, inbox) == []


def test_a_handler_that_refuses_leaves_the_event_to_be_delivered_again(
        client: TestClient, db_url: str) -> None:
    refused = deliver(client, {"implementation_code": "refused", "version": 1})

    assert refused.status_code == 409
    assert rows(db_url, inbox) == []  # the inbox row went with the handler's transaction

    retried = deliver(client, {"implementation_code": "430103-01-0001", "version": 1})
    assert retried.json() == {"status": "applied"}


def test_only_another_part_may_deliver(client: TestClient, db_url: str) -> None:
    event = envelope("matter.noted", {"implementation_code": "x", "version": 1})

    assert client.post("/internal/events", json=event).status_code == 401
    assert client.post("/internal/events", json=event,
                       headers=token("admin")).status_code == 403
    assert rows(db_url, inbox) == []
