"""The door's shield: writes from another site are refused whatever token they carry, and
every answer carries the security headers (no inline styles, no caching of personal pages,
HSTS outside development); htmx keeps no history and evaluates nothing."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.gateway.signin.conftest import PASSWORD, PRODUCTION_SECRET, Gateway, sign_in

TEMPLATES = Path(__file__).resolve().parents[3] / "gateway/src/gateway/templates"
FOREIGN = {"Origin": "https://evil.example"}


def test_a_foreign_origin_with_a_valid_csrf_token_is_refused(
        client: TestClient, account: Callable[..., str]) -> None:
    account("zhang", ["applicant"])
    sign_in(client, "zhang")
    csrf = client.get("/api/auth/me").json()["csrf_token"]
    api = client.post("/api/auth/sign-out", headers={**FOREIGN, "X-CSRF-Token": csrf})
    assert api.status_code == 403 and api.headers["content-type"] == "application/problem+json"
    page = client.post("/account/sessions/end-others", data={"csrf_token": csrf},
                       headers=FOREIGN)
    assert page.status_code == 403 and "来自其他网站的请求已被拒绝" in page.text
    assert client.get("/api/auth/me").status_code == 200  # nothing happened
    same = client.post("/api/auth/sign-out", headers={"Origin": "http://testserver",
                                                      "X-CSRF-Token": csrf})
    assert same.status_code == 204


@pytest.mark.parametrize("headers", [FOREIGN, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site"},
                                     {"Sec-Fetch-Site": "same-site"}])
def test_a_cross_site_sign_in_cannot_log_the_victim_into_another_account(
        client: TestClient, account: Callable[..., str], headers: dict[str, str]) -> None:
    account("attacker", ["applicant"])
    answer = client.post("/sign-in", data={"username": "attacker", "password": PASSWORD},
                         headers=headers, follow_redirects=False)
    assert answer.status_code == 403 and "set-cookie" not in answer.headers
    same = client.post("/sign-in", data={"username": "attacker", "password": PASSWORD},
                       headers={"Sec-Fetch-Site": "same-origin"}, follow_redirects=False)
    assert same.status_code == 303


def test_no_inline_style_is_allowed_or_used(client: TestClient) -> None:
    csp = client.get("/sign-in").headers["content-security-policy"]
    assert "style-src 'self';" in csp and "unsafe-inline" not in csp
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        assert not re.search(r"\sstyle\s*=|<style", text), template.name


def test_personal_answers_are_never_stored(client: TestClient,
                                           account: Callable[..., str]) -> None:
    account("zhang", ["applicant"])
    assert client.get("/sign-in").headers["cache-control"] == "no-cache"
    assert sign_in(client, "zhang").headers["cache-control"] == "private, no-store"
    for path in ("/account", "/my/applications", "/api/auth/me", "/api/intake/v1/applications"):
        assert client.get(path).headers["cache-control"] == "private, no-store", path
    assert "no-store" not in client.get("/static/app.css").headers.get("cache-control", "")


def test_hsts_outside_development_only(gateway: Gateway) -> None:
    with gateway(env="production", token_secret=PRODUCTION_SECRET) as client:
        hsts = client.get("/sign-in").headers["strict-transport-security"]
    assert hsts.startswith("max-age=31536000")
    with gateway() as client:
        assert "strict-transport-security" not in client.get("/sign-in").headers


def test_htmx_keeps_no_history_and_evaluates_nothing(client: TestClient) -> None:
    page = client.get("/sign-in").text
    found = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', page)
    assert found is not None
    config = json.loads(found.group(1))
    assert config["historyCacheSize"] == 0 and config["allowEval"] is False
    assert config["allowScriptTags"] is False and config["includeIndicatorStyles"] is False
    # settling would copy a style attribute (one a browser or extension added) by setAttribute,
    # which the CSP refuses
    assert "style" not in config["attributesToSettle"]


ODD = ["", "０１２３４５", "1" * 40, "\u202e654321", "' OR 1=1 --", "abc\x7f"]


@pytest.mark.parametrize("value", ODD)
def test_odd_input_to_the_sign_in_forms_is_never_a_500(
        client: TestClient, account: Callable[..., str], value: str) -> None:
    account("zhang", ["applicant"])
    answers = [client.post("/sign-in", data={"username": value, "password": value,
                                             "next": value, "end_others": value}),
               client.post("/sign-in/code", data={"code": value, "csrf_token": value}),
               client.post("/sign-in/enrol", data={"code": value, "end_others": value})]
    sign_in(client, "zhang")
    csrf = client.get("/api/auth/me").json()["csrf_token"]
    answers += [client.post("/account/password", data={"csrf_token": csrf, "current": value,
                                                       "new": value, "again": value}),
                client.post("/account/two-factor", data={"csrf_token": csrf, "code": value}),
                sign_in(client, value or "x", value or "x", code=value)]
    assert all(a.status_code < 500 for a in answers), [a.status_code for a in answers]
