"""The account's own pages are for every signed-in account; the sign-in's second step needs
its first (the rest of the role matrix is test_guards.py)."""

from collections.abc import Callable, Iterator
from functools import cache

import httpx
import pytest

from tests.live import signed_in


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[httpx.Client]:
    """An anonymous client of the demo platform."""
    with httpx.Client(base_url=demo_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def account(demo_url: str) -> Callable[[str], tuple[httpx.Client, str]]:
    """A client signed in as a demo account, and its CSRF token."""
    return cache(lambda username: signed_in(demo_url, username))


# --- the account's own pages: any signed-in account; the sign-in's second step ------------

ACCOUNT_ACTIONS = ["/account/password", "/account/sessions/end-others", "/account/two-factor"]


def test_the_account_page_is_for_every_signed_in_account(
        site: httpx.Client, account: Callable[[str], tuple[httpx.Client, str]]) -> None:
    for path in ("/account", "/account/two-factor"):
        page = site.get(path)
        assert page.status_code == 303 and page.headers["location"] == f"/sign-in?next={path}"
    for path in ACCOUNT_ACTIONS:
        assert site.post(path).headers["location"] == "/sign-in"
    for username in ("applicant", "editor", "admin", "supervisor"):
        member, _ = account(username)
        assert member.get("/account").status_code == 200


@pytest.mark.parametrize("path", ["/sign-in/code", "/sign-in/enrol"])
def test_a_second_step_without_a_first_goes_back_to_sign_in(site: httpx.Client,
                                                            path: str) -> None:
    assert site.get(path).headers["location"] == "/sign-in"
    answer = site.post(path, data={"code": "123456", "csrf_token": "forged"})
    assert answer.status_code == 303 and answer.headers["location"] == "/sign-in"
