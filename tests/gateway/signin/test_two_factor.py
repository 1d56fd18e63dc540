"""Staff sign in with two factors (TOTP, RFC 6238): every staff account enrols with a QR code
and gets recovery codes once; then each sign-in asks for a code. Applicants may opt in."""

import re
from collections.abc import Callable

import pyotp
import pytest
from fastapi.testclient import TestClient

from gateway import sign_in as flow
from gateway import two_factor
from gateway.config import GatewaySettings
from kit.db import Database
from tests.gateway.signin.conftest import (
    PASSWORD,
    PRODUCTION_SECRET,
    actions,
    current_code,
    sign_in,
    stored,
)


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def enrol_on_the_pages(client: TestClient, username: str) -> list[str]:
    """Sign in as a staff account without a second factor, scan, confirm: the recovery codes."""
    asked = client.post("/sign-in", data={"username": username, "password": PASSWORD},
                        follow_redirects=False)
    assert asked.status_code == 303 and asked.headers["location"].startswith("/sign-in/enrol")
    page = client.get(asked.headers["location"])
    assert page.status_code == 200 and "<svg" in page.text and "开启两步验证" in page.text
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text)
    assert secret is not None
    code = pyotp.TOTP(secret.group(1).replace(" ", "")).now()
    done = client.post("/sign-in/enrol", data={"code": code, "csrf_token": form_token(page.text)})
    assert done.status_code == 200 and "两步验证已开启" in done.text
    return re.findall(r"<li><code>([0-9a-f]{8}-[0-9a-f]{8})</code></li>", done.text)


def test_a_staff_account_must_enrol_before_it_acts(client: TestClient,
                                                   account: Callable[..., str]) -> None:
    account("zhou", ["clerk"])
    client.post("/sign-in", data={"username": "zhou", "password": PASSWORD})
    assert client.get("/api/auth/me").status_code == 401  # half signed in is not signed in
    assert client.get("/clerk/applications", follow_redirects=False).status_code == 303
    client.cookies.clear()
    codes = enrol_on_the_pages(client, "zhou")
    assert len(codes) == 10
    assert client.get("/api/auth/me").json()["username"] == "zhou"


def test_the_secret_and_the_recovery_codes_are_not_readable_from_the_database(
        client: TestClient, account: Callable[..., str], database: Database) -> None:
    account("zhou", ["clerk"])
    codes = enrol_on_the_pages(client, "zhou")
    row = stored(database, "zhou")
    assert row.totp_secret and two_factor.unseal(PRODUCTION_SECRET, row.totp_secret) is None
    assert two_factor.unseal(GatewaySettings().token_secret, row.totp_secret)  # the right key
    assert not any(code in hashed for code in codes for hashed in row.recovery_codes)
    assert "two_factor.enrolled" in actions(database)


def test_the_next_sign_in_asks_for_the_code_and_each_code_works_once(
        client: TestClient, account: Callable[..., str], database: Database) -> None:
    account("zhou", ["editor"])
    codes = enrol_on_the_pages(client, "zhou")
    client.cookies.clear()
    asked = client.post("/sign-in", data={"username": "zhou", "password": PASSWORD},
                        follow_redirects=False)
    assert asked.headers["location"].startswith("/sign-in/code")
    csrf = form_token(client.get(asked.headers["location"]).text)
    wrong = client.post("/sign-in/code", data={"code": "000000", "csrf_token": csrf})
    assert wrong.status_code == 401 and "验证码不正确" in wrong.text
    code = current_code(database, "zhou", later=1)  # the enrolment used this step's code
    right = client.post("/sign-in/code", data={"code": code, "csrf_token": csrf},
                        follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/editor/matters"
    # the same code again, through the API: refused (a code is accepted once)
    client.cookies.clear()
    assert sign_in(client, "zhou", code=code).status_code == 401
    assert sign_in(client, "zhou", code=codes[0]).status_code == 200  # a recovery code
    client.cookies.clear()
    assert sign_in(client, "zhou", code=codes[0]).status_code == 401  # spent


def test_the_api_needs_both_factors_at_once(client: TestClient, account: Callable[..., str],
                                            database: Database) -> None:
    account("zhou", ["reviewer"])
    assert sign_in(client, "zhou").status_code == 403  # staff without a factor: enrol first
    enrol_on_the_pages(client, "zhou")
    client.cookies.clear()
    without = sign_in(client, "zhou")
    assert without.status_code == 401 and "code" in without.json()["detail"]
    with_code = sign_in(client, "zhou", code=current_code(database, "zhou", later=1))
    assert with_code.status_code == 200


def test_wrong_codes_are_throttled_like_wrong_passwords(client: TestClient,
                                                        account: Callable[..., str],
                                                        database: Database) -> None:
    account("zhou", ["approver"])
    enrol_on_the_pages(client, "zhou")
    client.cookies.clear()
    for _ in range(3):
        assert sign_in(client, "zhou", code="123456").status_code == 401
    assert sign_in(client, "zhou", code=current_code(database, "zhou", later=1)).status_code == 429
    assert "sign_in.locked" in actions(database)


def test_an_applicant_may_opt_in_from_the_account_page(client: TestClient,
                                                       account: Callable[..., str],
                                                       database: Database) -> None:
    account("zhang", ["applicant"])
    assert sign_in(client, "zhang").status_code == 200  # no second factor asked
    assert "未开启" in client.get("/account").text
    page = client.get("/account/two-factor")
    assert "<svg" in page.text
    csrf = client.get("/api/auth/me").json()["csrf_token"]
    code = current_code(database, "zhang")
    done = client.post("/account/two-factor", data={"code": code, "csrf_token": csrf})
    assert "两步验证已开启" in done.text
    client.cookies.clear()
    assert sign_in(client, "zhang").status_code == 401  # now a code is needed


@pytest.mark.parametrize(("env", "stage"), [("development", "full"), ("production", "enrol")])
def test_demo_staff_are_exempt_in_development_only(account: Callable[..., str],
                                                   database: Database, env: str,
                                                   stage: str) -> None:
    account("editor", ["editor"])  # a demo account's name
    settings = GatewaySettings(env=env, token_secret=PRODUCTION_SECRET)
    assert flow.stage_of(stored(database, "editor"), settings) == stage
    account("zhou", ["editor"])  # any other staff account enrols in both
    assert flow.stage_of(stored(database, "zhou"), settings) == "enrol"
