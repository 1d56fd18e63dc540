"""Tokens between parts: checked and minted once, yet an expired, forged or other-secret token
is refused every time."""

import time

import pytest

from kit.auth import Principal, mint, minted, verify
from kit.errors import Unauthorized
from kit.settings import DEVELOPMENT_SECRET

CLERK = Principal(sub="clerk-chen", roles=("clerk",), department="430103-ZJ", address="10.1.2.3")


def test_a_kept_token_still_expires() -> None:
    token = mint(CLERK, DEVELOPMENT_SECRET, seconds=1)
    assert verify(token, DEVELOPMENT_SECRET) == CLERK
    assert verify(token, DEVELOPMENT_SECRET) == CLERK  # kept
    time.sleep(2.1)
    with pytest.raises(Unauthorized):
        verify(token, DEVELOPMENT_SECRET)


def test_a_kept_token_is_no_good_under_another_secret_or_altered() -> None:
    token = mint(CLERK, DEVELOPMENT_SECRET)
    assert verify(token, DEVELOPMENT_SECRET) == CLERK
    with pytest.raises(Unauthorized):
        verify(token, "another-secret-of-at-least-thirty-two-bytes")
    head, claims, signature = token.split(".")
    with pytest.raises(Unauthorized):
        verify(f"{head}.{claims}.{signature[:-2]}AA", DEVELOPMENT_SECRET)


def test_a_principal_gets_one_token_until_half_its_life_has_passed() -> None:
    first = minted(CLERK, DEVELOPMENT_SECRET)
    assert minted(CLERK, DEVELOPMENT_SECRET) == first
    assert verify(first, DEVELOPMENT_SECRET) == CLERK
    other = minted(Principal(sub="clerk-chen", roles=("clerk", "admin")), DEVELOPMENT_SECRET)
    assert other != first and verify(other, DEVELOPMENT_SECRET).roles == ("clerk", "admin")
