"""No input makes the platform answer 500, and no request model takes what it does not know:
the findings of issue 7 (points 8 and 9), through the embedded gateway on both databases."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.main import create_app
from tests import builders
from tests.conftest import truncate_all

KEY = "door-inputs-key"
HUGE = [2**31, 2**63, 10**30]
PDF = ("申请表.pdf", b"%PDF-1.4 door", "application/pdf")


@pytest.fixture(scope="module")
def platform(database_url: str) -> Iterator[TestClient]:
    """The embedded platform with the demo zone, once the published matters reached intake."""
    truncate_all(database_url)
    load_demo(database_url)
    settings = GatewaySettings(database_url=database_url, provincial_api_key=KEY,
                               relay_interval=0.1)
    with TestClient(create_app(settings)) as client:
        builders.sign_in(client, "applicant")
        builders.eventually(lambda: client.get("/api/intake/v1/matters").json(),
                            what="intake to learn of the published matters")
        yield client


def open_matter(client: TestClient) -> str:
    builders.sign_in(client, "applicant")
    return str(client.get("/api/intake/v1/matters").json()[0]["implementation_code"])


def filing(code: str) -> dict[str, str]:
    """A filing's form fields: one file now, the other required materials to come."""
    return {"implementation_code": code, "confirm_incomplete": "true"}


def refused(response: Any, status: int = 422) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_integers_past_32_bits_are_422_in_paths_queries_and_bodies(platform: TestClient) -> None:
    security = builders.sign_in(platform, "security")  # keys are the security administrator's
    for n in HUGE:
        refused(platform.delete(f"/api/admin/api-keys/{n}", headers=security))
    builders.sign_in(platform, "clerk")
    for n in HUGE:
        refused(platform.get(f"/api/intake/v1/applications/{n}"))
    builders.sign_in(platform, "editor")
    for n in HUGE:
        refused(platform.get(f"/api/catalog/v1/matters/430103-01-0001/versions/{n}"))
    editor = builders.sign_in(platform, "editor")
    for n in HUGE:
        refused(platform.post("/api/catalog/v1/matters", headers=editor,
                              json=builders.standard(statutory_limit=n, committed_limit=n)))
    platform.cookies.clear()
    province = {"Authorization": f"Bearer {KEY}"}
    code = platform.get("/api/sync/v1/matters", headers=province).json()["items"][0]
    code = code["matter"]["implementation_code"]
    for n in HUGE:
        refused(platform.get(f"/api/sync/v1/matters/{code}?version={n}", headers=province))
        refused(platform.post("/api/sync/v1/anomalies", headers=province, json={
            "anomaly_id": f"A-{n}", "implementation_code": code, "version": n,
            "field": "name", "message": "太长", "severity": "error"}))


def test_a_nul_in_a_matter_code_or_a_username_is_422(platform: TestClient) -> None:
    editor = builders.sign_in(platform, "editor")
    refused(platform.post("/api/catalog/v1/matters", headers=editor,
                          json=builders.standard("430103-01-90\x0001")))
    refused(platform.post("/api/catalog/v1/matters", headers=editor,
                          json=builders.standard(name="规划\x00许可")))
    platform.cookies.clear()
    refused(platform.post("/api/auth/sign-in", json={"username": "adm\x00in", "password": "x"}))
    form = {"content-type": "application/x-www-form-urlencoded"}
    refused(platform.post("/sign-in", content=b"username=adm%00in&password=x", headers=form))
    split = iter([b"username=adm%0", b"0in&password=x"])  # chunked, no Content-Length
    refused(platform.post("/sign-in", content=split, headers=form))
    refused(platform.get("/api/publish/v1/power-list?q=%E8%A7%84%00"))


@pytest.mark.parametrize("header", ["Idempotency-Key", "Accept-Language", "If-None-Match",
                                    "Accept", "If-Match", "X-Request-ID", "X-CSRF-Token"])
def test_non_ascii_header_values_are_400_not_500(platform: TestClient, header: str) -> None:
    applicant = builders.sign_in(platform, "applicant")
    value = "中文-é".encode()
    for path in ("/api/publish/v1/power-list", "/api/intake/v1/matters", "/power-list"):
        response = platform.get(path, headers={header: value})
        assert response.status_code == 400, (path, response.text[:200])
    filing = platform.post("/api/intake/v1/applications", headers={**applicant, header: value},
                           data={"implementation_code": "x"}, files=[("materials", PDF)])
    refused(filing, 400)


def test_a_multipart_api_request_may_carry_its_csrf_token_as_a_form_field(
        platform: TestClient) -> None:
    code = open_matter(platform)
    csrf = builders.sign_in(platform, "enterprise")["X-CSRF-Token"]  # the matter's applicant
    filed = platform.post("/api/intake/v1/applications", files=[("materials", PDF)],
                          data={**filing(code), "csrf_token": csrf})
    assert filed.status_code == 201, filed.text
    wrong = platform.post("/api/intake/v1/applications", files=[("materials", PDF)],
                          data={**filing(code), "csrf_token": "不对"})
    refused(wrong, 403)


def test_a_wrong_method_on_a_page_is_a_405_page(platform: TestClient) -> None:
    platform.cookies.clear()
    response = platform.get("/sign-out")
    assert response.status_code == 405
    assert "text/html" in response.headers["content-type"]
    assert "POST" in response.headers["allow"]
    assert "该页面不接受这种请求方式" in response.text


def test_intake_refuses_fields_it_does_not_know(platform: TestClient) -> None:
    code = open_matter(platform)
    applicant = builders.sign_in(platform, "enterprise")  # the matter's applicant
    for extra in ({"state": "approved"}, {"applicant_sub": "someone-else"},
                  {"decided_by": "approver"}, {"case_number": "430103-20260101-00001"}):
        refused(platform.post("/api/intake/v1/applications", headers=applicant,
                              files=[("materials", PDF)], data={**filing(code), **extra}))
        refused(platform.post("/api/intake/v1/applications/precheck", headers=applicant,
                              files=[("materials", PDF)],
                              data={"implementation_code": code, **extra}))
    filed = platform.post("/api/intake/v1/applications", headers=applicant,
                          files=[("materials", PDF)], data=filing(code))
    application = filed.json()["id"]
    refused(platform.post(f"/api/intake/v1/applications/{application}/resubmit",
                          headers=applicant, files=[("materials", PDF)],
                          data={"state": "accepted"}))
    clerk = builders.sign_in(platform, "clerk")
    refused(platform.post(f"/api/intake/v1/applications/{application}/corrections",
                          headers=clerk, json={"items": [
                              {"material": "申请表", "reason": "缺页", "state": "x"}]}))
    platform.post(f"/api/intake/v1/applications/{application}/accept", headers=clerk)
    approver = builders.sign_in(platform, "approver")
    refused(platform.post(f"/api/intake/v1/applications/{application}/decision",
                          headers=approver, json={"decision": "approved", "opinion": "",
                                                  "decided_by": "someone"}))


def test_the_gateways_own_api_refuses_unknown_fields(platform: TestClient) -> None:
    refused(platform.post("/api/auth/sign-in", json={"username": "admin", "password": "x",
                                                     "roles": ["admin"]}))
    admin = builders.sign_in(platform, "admin")
    refused(platform.post("/api/admin/api-keys", headers=admin,
                          json={"name": "x", "roles": ["supervisor"], "expires": "never"}))
