"""Sessions and cookies: an idle timeout beside the absolute one, Secure `__Host-` cookies
outside development, disabling kills sessions for good, other sessions can be ended, and
production refuses weak secrets and the demo password in every part."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select, update
from sqlmodel import col

from catalog.config import CatalogSettings
from gateway import demo
from gateway.cli import load_demo
from gateway.config import GatewaySettings
from gateway.models import Account, SignInSession
from intake.config import IntakeSettings
from kit.clock import now
from kit.db import Database
from kit.settings import DEVELOPMENT_SECRET
from publish.config import PublishSettings
from review.config import ReviewSettings
from tests.gateway.signin.conftest import (
    PASSWORD,
    PRODUCTION_SECRET,
    Gateway,
    sessions_of,
    sign_in,
    stored,
)


def test_a_session_idle_too_long_ends_though_its_hours_are_not_over(
        client: TestClient, account: Callable[..., str], database: Database) -> None:
    account("zhang", ["applicant"])
    sign_in(client, "zhang")
    assert client.get("/api/auth/me").status_code == 200
    with database.session() as s:  # 29 minutes without a request: still alive, and touched
        s.execute(update(SignInSession).values(last_seen_at=now() - timedelta(minutes=29)))
    assert client.get("/api/auth/me").status_code == 200
    assert sessions_of(database, "zhang")[0].last_seen_at > now() - timedelta(minutes=1)
    with database.session() as s:  # 31 minutes: gone
        s.execute(update(SignInSession).values(last_seen_at=now() - timedelta(minutes=31)))
    assert client.get("/api/auth/me").status_code == 401


def test_outside_development_the_cookie_is_secure_and_host_bound(
        gateway: Gateway, account: Callable[..., str]) -> None:
    account("zhang", ["applicant"])
    with gateway(env="production", token_secret=PRODUCTION_SECRET) as client:
        cookie = sign_in(client, "zhang").headers["set-cookie"]
        assert client.get("/api/auth/me").status_code == 200
    assert cookie.startswith("__Host-ow_session=")
    assert all(part in cookie for part in ("Secure", "HttpOnly", "Path=/", "SameSite=lax"))
    assert "Domain" not in cookie
    with gateway() as client:  # development: plain HTTP works
        cookie = sign_in(client, "zhang").headers["set-cookie"]
    assert cookie.startswith("ow_session=") and "Secure" not in cookie


def test_re_enabling_a_disabled_account_does_not_revive_its_sessions(
        client: TestClient, account: Callable[..., str], database: Database) -> None:
    account("zhang", ["applicant"])
    sign_in(client, "zhang")
    for disabled in (True, False):  # however it is done: through the ORM, one commit each
        with database.session() as s:
            row = s.scalars(select(Account).where(col(Account.username) == "zhang")).one()
            row.disabled = disabled
    assert client.get("/api/auth/me").status_code == 401
    assert sign_in(client, "zhang").status_code == 200  # a new sign-in works
    assert client.get("/api/auth/me").status_code == 200


def test_sign_out_my_other_sessions(gateway: Gateway, account: Callable[..., str],
                                    database: Database) -> None:
    account("zhang", ["applicant"])
    with gateway() as here, gateway() as phone, gateway() as office:
        for client in (here, phone, office):
            sign_in(client, "zhang")
        csrf = here.get("/api/auth/me").json()["csrf_token"]
        page = here.post("/account/sessions/end-others", data={"csrf_token": csrf})
        assert "已退出其他 2 个登录" in page.text
        assert here.get("/api/auth/me").status_code == 200
        assert phone.get("/api/auth/me").status_code == 401
        assert office.get("/api/auth/me").status_code == 401
        sign_in(phone, "zhang")
        sign_in(office, "zhang", end_other_sessions=True)  # signing in again can end others
        assert [c.get("/api/auth/me").status_code for c in (here, phone, office)] == [
            401, 401, 200]


def test_changing_the_password_ends_the_other_sessions(gateway: Gateway,
                                                       account: Callable[..., str]) -> None:
    account("zhang", ["applicant"])
    new = "a-new-and-long-password"
    with gateway() as here, gateway() as there:
        sign_in(here, "zhang")
        sign_in(there, "zhang")
        csrf = here.get("/api/auth/me").json()["csrf_token"]
        short = here.post("/account/password", data={"csrf_token": csrf, "current": PASSWORD,
                                                      "new": "short", "again": "short"})
        assert short.status_code == 422 and there.get("/api/auth/me").status_code == 200
        done = here.post("/account/password", data={"csrf_token": csrf, "current": PASSWORD,
                                                     "new": new, "again": new})
        assert done.status_code == 200 and "其他登录已全部退出" in done.text
        assert here.get("/api/auth/me").status_code == 200
        assert there.get("/api/auth/me").status_code == 401
        assert sign_in(there, "zhang").status_code == 401
        assert sign_in(there, "zhang", new).status_code == 200


SETTINGS = [GatewaySettings, CatalogSettings, IntakeSettings, ReviewSettings, PublishSettings]


@pytest.mark.parametrize("part", SETTINGS, ids=lambda s: s.__name__)
@pytest.mark.parametrize("secret", [None, DEVELOPMENT_SECRET, "x",
                                    "31-bytes-are-one-byte-too-short"])
def test_production_refuses_a_missing_or_short_secret_in_every_part(
        part: type, secret: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEWINDOW_ENV", "production")
    monkeypatch.delenv("ONEWINDOW_TOKEN_SECRET", raising=False)
    if secret is not None:
        monkeypatch.setenv("ONEWINDOW_TOKEN_SECRET", secret)
    with pytest.raises(ValidationError, match="ONEWINDOW_TOKEN_SECRET"):
        part()
    monkeypatch.setenv("ONEWINDOW_TOKEN_SECRET", PRODUCTION_SECRET)
    assert part().token_secret == PRODUCTION_SECRET


def test_production_refuses_to_start_while_a_demo_account_keeps_the_demo_password(
        gateway: Gateway, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    load_demo(db_url, ("gateway",))
    production = gateway(env="production", token_secret=PRODUCTION_SECRET)
    with pytest.raises(RuntimeError, match="demo password"), production:
        pass
    monkeypatch.setenv("ONEWINDOW_ENV", "production")
    monkeypatch.setenv("ONEWINDOW_TOKEN_SECRET", PRODUCTION_SECRET)
    db = Database(db_url, "gateway")
    with pytest.raises(RuntimeError, match="development mode only"), db.session() as s:
        demo.load(s)
    db.dispose()


def test_a_hash_of_the_old_cost_is_renewed_at_sign_in(
        client: TestClient, account: Callable[..., str], database: Database) -> None:
    """Argon2id at 19 MiB, two passes, one lane: a hash made at the library's default cost
    (64 MiB, four lanes) still opens the account, and is rehashed at the new cost then."""
    from argon2 import PasswordHasher
    account("qian", ["applicant"])
    with database.session() as s:
        row = s.scalars(select(Account).where(col(Account.username) == "qian")).one()
        assert "$m=19456,t=2,p=1$" in row.password_hash
        row.password_hash = PasswordHasher().hash(PASSWORD)
    assert "$m=65536,t=3,p=4$" in stored(database, "qian").password_hash
    assert sign_in(client, "qian").status_code == 200
    renewed = stored(database, "qian").password_hash
    assert "$m=19456,t=2,p=1$" in renewed
    assert sign_in(client, "qian").status_code == 200
    assert stored(database, "qian").password_hash == renewed  # no rehash at the same cost
