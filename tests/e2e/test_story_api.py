"""The whole story through the embedded gateway's API, on SQLite and on PostgreSQL."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.main import create_app
from tests import builders

PROVINCIAL_KEY = "province-test-key"


@pytest.fixture
def platform(db_url: str) -> Iterator[TestClient]:
    """The embedded platform (gateway + four services in one process) with demo data."""
    load_demo(db_url)
    settings = GatewaySettings(database_url=db_url, provincial_api_key=PROVINCIAL_KEY,
                               relay_interval=0.1)
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_whole_story_through_the_gateway(platform: TestClient) -> None:
    builders.walk(platform, PROVINCIAL_KEY)


def test_every_response_carries_a_request_id_and_services_reuse_it(
        platform: TestClient) -> None:
    response = platform.get("/api/publish/v1/power-list", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    assert platform.get("/healthz").headers["x-request-id"]
    assert platform.get("/readyz").json() == {"status": "ready"}


def test_api_without_session_is_anonymous_and_writes_need_csrf(platform: TestClient) -> None:
    assert platform.get("/api/catalog/v1/matters").status_code == 403
    builders.sign_in(platform, "editor")
    no_csrf = platform.post("/api/catalog/v1/matters", json=builders.story_standard())
    assert no_csrf.status_code == 403
    assert no_csrf.headers["content-type"] == "application/problem+json"


def test_provincial_api_key_rules(platform: TestClient) -> None:
    missing = platform.get("/api/sync/v1/matters")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    builders.sign_in(platform, "admin")  # a session is not a key
    assert platform.get("/api/sync/v1/matters").status_code == 401
    platform.cookies.clear()
    bad = platform.get("/api/sync/v1/matters", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    good = platform.get("/api/sync/v1/matters",
                        headers={"Authorization": f"Bearer {PROVINCIAL_KEY}"})
    assert good.status_code == 200
    items = good.json()["items"]
    # the demo zone: 34 published matters, 9 of them with an earlier version
    assert len(items) == 43 and len({i["matter"]["implementation_code"] for i in items}) == 34


def test_sign_out_ends_the_session_on_the_server(platform: TestClient) -> None:
    csrf = builders.sign_in(platform, "editor")
    cookie = platform.cookies.get("ow_session")
    assert platform.get("/api/auth/me").json()["username"] == "editor"
    assert platform.post("/api/auth/sign-out", headers=csrf).status_code == 204
    platform.cookies.set("ow_session", cookie)
    assert platform.get("/api/auth/me").status_code == 401


def test_provincial_calls_over_the_limit_get_429_with_retry_after(db_url: str) -> None:
    settings = GatewaySettings(database_url=db_url, provincial_api_key=PROVINCIAL_KEY,
                               sync_requests_per_minute=3)
    key = {"Authorization": f"Bearer {PROVINCIAL_KEY}"}
    with TestClient(create_app(settings)) as client:
        answers = [client.get("/api/sync/v1/matters", headers=key) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["retry-after"]) >= 1
    assert answers[-1].headers["content-type"] == "application/problem+json"


def test_combined_openapi_has_every_services_operations(platform: TestClient) -> None:
    spec = platform.get("/api/openapi.json").json()
    for path in ("/api/catalog/v1/matters", "/api/sync/v1/matters", "/api/review/v1/cases",
                 "/api/intake/v1/applications", "/api/publish/v1/power-list",
                 "/api/auth/sign-in"):
        assert path in spec["paths"], path
    docs = platform.get("/api/docs")
    assert docs.status_code == 200 and "/api/sync/v1/base-catalog/batches" in docs.text


def test_the_security_administrator_issues_and_revokes_keys_and_a_key_without_the_role_is_403(
        platform: TestClient) -> None:
    admin = builders.sign_in(platform, "security")
    issued = platform.post("/api/admin/api-keys", headers=admin,
                           json={"name": "省目录系统", "roles": ["provincial_system"]})
    watcher = platform.post("/api/admin/api-keys", headers=admin,
                            json={"name": "监督大屏", "roles": ["supervisor"]})
    assert issued.status_code == 201 and watcher.status_code == 201
    listed = platform.get("/api/admin/api-keys").json()
    assert [k["name"] for k in listed] == ["省目录系统", "监督大屏"]
    assert all("key" not in k for k in listed)
    platform.cookies.clear()
    key = {"Authorization": f"Bearer {issued.json()['key']}"}
    assert platform.get("/api/sync/v1/matters", headers=key).status_code == 200
    wrong_role = {"Authorization": f"Bearer {watcher.json()['key']}"}
    assert platform.get("/api/sync/v1/matters", headers=wrong_role).status_code == 403
    admin = builders.sign_in(platform, "security")
    assert platform.delete(f"/api/admin/api-keys/{issued.json()['id']}",
                           headers=admin).status_code == 204
    platform.cookies.clear()
    assert platform.get("/api/sync/v1/matters", headers=key).status_code == 401


def test_only_the_security_administrator_issues_keys(platform: TestClient) -> None:
    for username in ("editor", "admin", "auditor"):
        csrf = builders.sign_in(platform, username)
        response = platform.post("/api/admin/api-keys", headers=csrf,
                                 json={"name": "x", "roles": ["provincial_system"]})
        assert response.status_code == 403, username


def test_an_oversized_body_is_refused_before_anyone_reads_it(db_url: str) -> None:
    settings = GatewaySettings(database_url=db_url, max_upload_mb=1)
    with TestClient(create_app(settings)) as client:
        big = b"x" * (1024 * 1024 + 1)
        for path in ("/api/intake/v1/applications", "/apply/430103-01-0001", "/sign-in"):
            response = client.post(path, content=big,
                                   headers={"content-type": "application/octet-stream"})
            assert response.status_code == 413, path
            page = not path.startswith("/api/")  # a page says it in words, the API in JSON
            assert response.headers["content-type"] == (
                "text/html; charset=utf-8" if page else "application/problem+json"), path
