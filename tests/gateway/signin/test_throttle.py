"""Sign-in resists guessing: per account and per address, growing delays then a lock, every
failure and lock audited, and the person told in words when they may try again."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from gateway import throttle
from gateway.models import SignInThrottle
from kit.clock import now
from kit.db import Database
from tests.gateway.signin.conftest import PASSWORD, Gateway, actions, sign_in


def test_fifty_quick_wrong_passwords_get_few_answers_and_then_the_right_one_waits(
        gateway: Gateway, account: Callable[..., str], database: Database) -> None:
    account("zhang", ["applicant"])
    with gateway() as client:  # the default limits
        started = now()
        answers = [sign_in(client, "zhang", f"guess-{n}").status_code for n in range(50)]
        # three free failures, then each wait doubles (1 s, 2 s, 4 s…): only a try that comes
        # after the last wait ended is checked, so a slow machine sees a few more, never many
        waited = (now() - started).total_seconds()
        assert answers.count(401) <= 4 + int(waited + 1).bit_length() and answers[-1] == 429
        assert answers.count(401) < 10
        right = sign_in(client, "zhang")
    assert right.status_code == 429 and int(right.headers["retry-after"]) >= 1
    assert "try again after" in right.json()["detail"]
    trail = actions(database)
    assert trail.count("sign_in.failed") == 51  # the waiting tries too
    assert "sign_in.succeeded" not in trail


def test_the_lock_is_audited_and_the_page_says_when_to_try_again(
        client: TestClient, account: Callable[..., str], database: Database) -> None:
    account("zhang", ["applicant"])
    for n in range(3):
        sign_in(client, "zhang", f"guess-{n}")
    assert actions(database).count("sign_in.locked") >= 1
    page = client.post("/sign-in", data={"username": "zhang", "password": PASSWORD})
    assert page.status_code == 429
    assert "登录失败次数过多，请于北京时间" in page.text and "后再试" in page.text
    english = client.post("/sign-in", data={"username": "zhang", "password": "x"},
                          cookies={"ow_lang": "en"})
    assert "Too many failed sign-ins" in english.text
    assert "ow_session" not in page.headers.get("set-cookie", "")


def test_a_lock_ends_and_a_right_password_then_clears_the_account(
        client: TestClient, account: Callable[..., str], database: Database) -> None:
    account("zhang", ["applicant"])
    for n in range(3):
        sign_in(client, "zhang", f"guess-{n}")
    assert sign_in(client, "zhang").status_code == 429
    past = now() - timedelta(minutes=16)
    with database.session() as s:  # the lock's 15 minutes pass
        s.execute(update(SignInThrottle).values(blocked_until=past, last_failure_at=past))
    assert sign_in(client, "zhang").status_code == 200
    assert sign_in(client, "zhang", "one-slip").status_code == 401  # counting from zero again
    assert sign_in(client, "zhang").status_code == 200


def test_one_address_guessing_many_accounts_is_locked_out_of_all(
        client: TestClient, account: Callable[..., str], database: Database) -> None:
    account("zhang", ["applicant"])
    # the address may fail 2 × 2 times freely, then waits; each account fails only once
    for n in range(5):
        assert sign_in(client, f"someone-{n}", "guess").status_code == 401
    assert sign_in(client, "zhang").status_code == 429  # a right password, from that address
    assert actions(database).count("sign_in.failed") == 6


def test_the_counters_are_shared_by_every_gateway_replica(
        gateway: Gateway, account: Callable[..., str]) -> None:
    account("zhang", ["applicant"])
    limits = {"sign_in_free_failures": 2, "sign_in_lock_failures": 3}
    with gateway(**limits) as first, gateway(**limits) as second:
        for n in range(3):
            sign_in(first, "zhang", f"guess-{n}")
        assert sign_in(second, "zhang").status_code == 429


def test_an_unknown_account_is_throttled_like_a_real_one(client: TestClient) -> None:
    answers = [sign_in(client, "nobody", f"guess-{n}").status_code for n in range(4)]
    assert answers == [401, 401, 401, 429]  # nothing tells the two apart


def test_forgotten_keys_are_pruned_now_and_then(client: TestClient, database: Database,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    long_ago = now() - timedelta(hours=1)
    with database.session() as s:
        s.add(SignInThrottle(key="account:made-up", failures=2, last_failure_at=long_ago))
    monkeypatch.setattr(throttle, "PRUNE_ONE_IN", 1)
    sign_in(client, "another-made-up-name", "guess")
    with database.session(write=False) as s:
        assert s.get(SignInThrottle, "account:made-up") is None
        assert s.get(SignInThrottle, "account:another-made-up-name") is not None
