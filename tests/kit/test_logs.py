"""kit.logs: every answer carries a request id — the caller's when it is a plain token, else one
of the part's own, never two."""

import re
from collections.abc import Iterator

import pytest
from fastapi import APIRouter, Response
from fastapi.testclient import TestClient

from kit.app import create_part_app
from kit.logs import request_id_var
from tests.kit.conftest import PART, Settings

router = APIRouter()


@router.get("/seen")
def seen() -> Response:
    """The request id the handler sees, and a stray header of its own that must not leak."""
    return Response(request_id_var.get(), headers={"X-Request-ID": "from-the-handler"})


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_part_app(name=PART, settings=Settings(database_url=db_url),
                                    routers=[router])) as test_client:
        yield test_client


def test_a_plain_request_id_is_kept_seen_and_echoed_once(client: TestClient) -> None:
    answer = client.get("/seen", headers={"X-Request-ID": "abc-123"})

    assert answer.text == "abc-123"
    assert answer.headers.get_list("x-request-id") == ["abc-123"]


@pytest.mark.parametrize("offered", [None, "not plain!", "a,b"])
def test_otherwise_the_part_makes_its_own(client: TestClient, offered: str | None) -> None:
    headers = {"X-Request-ID": offered} if offered else {}
    first, second = (client.get("/seen", headers=headers) for _ in range(2))

    for answer in (first, second):
        assert re.fullmatch(r"[0-9a-f]{32}", answer.text), answer.text
        assert answer.headers.get_list("x-request-id") == [answer.text]
    assert first.text != second.text
