"""How many service calls a page makes: a few, however many rows it shows (no call per row).

The gateway runs in-process here, so the test reads `Upstreams.calls` around one request.
"""

import re
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from gateway.config import GatewaySettings
from gateway.main import create_app
from tests.demo_copies import demo_sqlite

CODE = "430103-01-0002"  # 建设工程规划许可证核发, published in the demo zone
WAITING = 50
MATERIAL = {"materials": ("申请表.pdf", b"%PDF-1.4 demo", "application/pdf")}


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    """Sign `client` in as a demo account; the CSRF header its writes need."""
    answer = client.post("/api/auth/sign-in",
                         json={"username": username, "password": "onewindow-demo"})
    assert answer.status_code == 200, answer.text
    return {"X-CSRF-Token": answer.json()["csrf_token"]}


def wait_until_intake_knows(client: TestClient, code: str, seconds: float = 30) -> None:
    """The demo matters reach intake through the outbox: wait for `code`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(m["implementation_code"] == code
               for m in client.get("/api/intake/v1/matters").json()):
            return
        time.sleep(0.2)
    raise AssertionError(f"intake never learned of {code}")


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The embedded platform on demo data with 52 applications: 50 waiting at the window, one
    accepted, one granted."""
    url = demo_sqlite(tmp_path_factory.mktemp("service-calls"))
    with TestClient(create_app(GatewaySettings(database_url=url, relay_interval=0.1))) as client:
        applicant = sign_in(client, "enterprise")
        wait_until_intake_knows(client, CODE)
        filed = [client.post("/api/intake/v1/applications", headers=applicant, files=MATERIAL,
                             data={"implementation_code": CODE,
                                   "confirm_incomplete": "true"}).json()["id"]
                 for _ in range(WAITING + 2)]
        clerk = sign_in(client, "clerk")
        for application_id in filed[-2:]:
            accepted = client.post(f"/api/intake/v1/applications/{application_id}/accept",
                                   headers=clerk)
            assert accepted.status_code == 200, accepted.text
        approver = sign_in(client, "approver")
        granted = client.post(f"/api/intake/v1/applications/{filed[-1]}/decision",
                              headers=approver, json={"decision": "approved"})
        assert granted.status_code == 200, granted.text
        client.cookies.clear()
        yield client


def calls_of(client: TestClient, path: str, **headers: str) -> tuple[str, int]:
    """The page at `path` and the number of service calls it took."""
    calls = client.app.state.upstreams.calls  # type: ignore[attr-defined]
    before = calls.total()
    page = client.get(path, headers=headers)
    assert page.status_code == 200, page.text
    return page.text, calls.total() - before


def test_the_clerk_queue_shows_fifty_waiting_applications_in_four_calls(
        platform: TestClient) -> None:
    sign_in(platform, "clerk")
    calls_of(platform, "/clerk/applications")
    page, calls = calls_of(platform, "/clerk/applications")
    assert page.count('class="card app"') == WAITING
    assert page.count("申请表.pdf") == WAITING  # each card lists its files
    assert calls == 4  # waiting in two states, the recent ones, today's tickets (windows kept)


def test_the_approver_queue_and_my_applications_read_one_list_each(
        platform: TestClient) -> None:
    sign_in(platform, "approver")
    page, calls = calls_of(platform, "/approver/applications")
    assert page.count('class="card app"') == 1 and calls == 1
    sign_in(platform, "enterprise")
    page, calls = calls_of(platform, "/my/applications")
    assert page.count('href="/my/applications/') == 20 and calls == 1
    assert re.search(r"准予许可：建设工程规划许可证\s*</td>", page)  # the decided one's result


def test_searching_the_editors_catalog_reads_departments_and_windows_once(
        platform: TestClient) -> None:
    sign_in(platform, "editor")
    calls_of(platform, "/editor/matters")
    page, calls = calls_of(platform, "/editor/matters?q=乡村", **{"HX-Request": "true"})
    assert "乡村建设规划许可证核发" in page and calls == 1  # the matters; the rest is kept


def test_the_versions_page_reads_the_matter_and_its_versions_in_two_calls(
        platform: TestClient) -> None:
    sign_in(platform, "editor")
    page, calls = calls_of(platform, "/editor/matters/430103-01-0001")  # three versions
    assert page.count('class="card version"') == 3 and calls == 2


def test_a_project_page_reads_the_project_once_whatever_its_list(platform: TestClient) -> None:
    sign_in(platform, "enterprise")
    page, calls = calls_of(platform, "/projects/1")
    assert page.count('class="card project-item"') == 3 and calls == 1
    page, calls = calls_of(platform, "/projects")
    assert "智造产业园二期厂房" in page and calls == 1
    sign_in(platform, "butler")
    page, calls = calls_of(platform, "/projects/1")  # and the matters it may add
    assert page.count('class="card project-item"') == 3 and calls == 2
