"""The `/api/<service>/…` proxy in-process: an anonymous call is passed on without looking a
session or key up; what is not passed on is refused as before."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from gateway import access
from gateway.config import GatewaySettings
from gateway.main import create_app


def test_an_anonymous_call_is_passed_on_without_a_lookup(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def looked_up(*_: Any) -> None:
        raise AssertionError("an anonymous call looked a caller up")

    monkeypatch.setattr(access, "_lookup_session", looked_up)
    monkeypatch.setattr(access, "_lookup_key", looked_up)
    with TestClient(create_app(GatewaySettings(database_url=db_url))) as client:
        guide = client.get("/api/publish/v1/guides/430103-01-0404",
                           headers={"X-Request-ID": "proxy-test-1"})
        departments = client.get("/api/publish/v1/departments")
        unknown = client.get("/api/nowhere/v1/matters")
        sync = client.get("/api/sync/v1/matters")
        options = client.options("/api/publish/v1/departments")
    assert guide.status_code == 404  # publish's own answer, passed on
    assert guide.headers["content-type"] == "application/problem+json"
    assert guide.headers["x-request-id"] == "proxy-test-1"
    assert departments.status_code == 200 and departments.headers["etag"]
    assert unknown.status_code == 404 and unknown.json()["detail"] == "No API at /api/nowhere."
    assert sync.status_code == 401 and sync.headers["www-authenticate"] == "Bearer"
    assert options.status_code == 405
