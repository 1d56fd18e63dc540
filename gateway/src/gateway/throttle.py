"""Failed sign-ins per account and per address: growing delays, then a temporary lock.

The counters live in the gateway's database, so every replica of the gateway sees the same
ones. A key is blocked until an instant: after a few free failures each next one makes the
next try wait twice as long, and at the lock threshold the key is locked for a while.
Failures older than the lock's length are forgotten.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from gateway.config import GatewaySettings
from gateway.models import SignInThrottle
from kit.clock import now

LONGEST_DELAY = timedelta(minutes=1)
PRUNE_ONE_IN = 100  # failures; a spray of made-up names must not grow the table for ever


@dataclass(frozen=True)
class Limits:
    """When a key's failures start to cost a delay, when they lock it, and for how long."""

    free: int
    lock: int
    lock_for: timedelta


@dataclass(frozen=True)
class Failure:
    """A failure counted: the key's failures so far, until when it waits, whether it locked."""

    failures: int
    blocked_until: datetime | None
    locked: bool


def keys(settings: GatewaySettings, *, username: str, address: str) -> dict[str, Limits]:
    """The throttled keys of one try and their limits: the account, and the address, which
    may fail more often (several people share an office's address)."""
    lock_for = timedelta(minutes=settings.sign_in_lock_minutes)
    factor = settings.sign_in_address_factor
    return {f"account:{username}"[:200]: Limits(settings.sign_in_free_failures,
                                                settings.sign_in_lock_failures, lock_for),
            f"address:{address}"[:200]: Limits(settings.sign_in_free_failures * factor,
                                               settings.sign_in_lock_failures * factor, lock_for)}


def blocked_until(session: Session, names: list[str]) -> datetime | None:
    """The latest instant any of the keys waits for, when it is still to come."""
    moment = now()
    waits = [row.blocked_until for name in names
             if (row := session.get(SignInThrottle, name)) is not None
             and row.blocked_until is not None and row.blocked_until > moment]
    return max(waits, default=None)


def fail(session: Session, name: str, limits: Limits) -> Failure:
    """Count one failure of the key (atomically across replicas) and set its wait."""
    moment = now()
    row = _locked_row(session, name, moment)
    if row.last_failure_at + limits.lock_for < moment:
        row.failures = 0  # forgotten
    row.failures += 1
    row.last_failure_at = moment
    locked = row.failures >= limits.lock
    if locked:
        row.blocked_until = moment + limits.lock_for
    elif row.failures > limits.free:
        delay = timedelta(seconds=2 ** (row.failures - limits.free - 1))
        row.blocked_until = moment + min(delay, LONGEST_DELAY)
    session.flush()
    if secrets.randbelow(PRUNE_ONE_IN) == 0:
        _prune(session, moment - limits.lock_for)
    return Failure(row.failures, row.blocked_until if row.failures > limits.free else None,
                   locked and row.failures == limits.lock)


def forget(session: Session, name: str) -> None:
    """A right answer: the account's failures are forgotten (an address's never are early,
    or an attacker could clear them by signing in to an account of their own)."""
    row = session.get(SignInThrottle, name)
    if row is not None:
        session.delete(row)


def _locked_row(session: Session, name: str, moment: datetime) -> SignInThrottle:
    """The key's row, created if missing, locked for this transaction (FOR UPDATE on
    PostgreSQL; SQLite's single writer already serialises)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(SignInThrottle).values(key=name, failures=0, last_failure_at=moment)
                    .on_conflict_do_nothing(index_elements=["key"]))
    row = session.get(SignInThrottle, name, with_for_update=True, populate_existing=True)
    assert row is not None  # inserted just above
    return row


def _prune(session: Session, forgotten_before: datetime) -> None:
    """Drop the keys whose failures are forgotten and that no longer wait."""
    session.execute(delete(SignInThrottle).where(
        col(SignInThrottle.last_failure_at) < forgotten_before,
        or_(col(SignInThrottle.blocked_until).is_(None),
            col(SignInThrottle.blocked_until) < forgotten_before)))
