"""Signing in: the password, then the second factor; every try throttled and audited.

Each step runs in one transaction that also keeps its failures and audit entries: a refusal
is raised only after they are committed.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gateway import identity, throttle, two_factor
from gateway.config import GatewaySettings
from gateway.demo import ACCOUNTS as DEMO_ACCOUNTS
from gateway.metrics import SIGN_IN_FAILURES
from gateway.models import Account, audit
from kit.audit import record
from kit.db import Database

DEMO_USERNAMES = frozenset(username for username, *_ in DEMO_ACCOUNTS)


class Refused(Exception):
    """A sign-in step refused; the subclasses say why."""


class Blocked(Refused):
    """Too many failures: no answer is checked until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


class WrongAnswer(Refused):
    """A wrong password or code (`until`: when the next try may come, if it must wait;
    `locked`: this failure reached the lock threshold)."""

    def __init__(self, until: datetime | None, *, locked: bool = False) -> None:
        super().__init__("wrong answer")
        self.until = until
        self.locked = locked


class CodeRequired(Refused):
    """The password was right; the account's one-time code is needed too."""


class EnrolFirst(Refused):
    """A staff account without a second factor: it enrols on the sign-in page first."""


class Expired(Refused):
    """The half-done sign-in is gone (too old, or never begun): start again."""


@dataclass(frozen=True)
class Started:
    """A session opened: its cookie value, CSRF token, account and stage."""

    session_id: str
    csrf_token: str
    account: Account
    stage: str


def stage_of(account: Account, settings: GatewaySettings) -> str:
    """What a right password leads to: the code, enrolment, or a complete session."""
    if account.totp_enabled_at is not None:
        return "code"
    if two_factor.is_staff(account) and not exempt(account, settings):
        return "enrol"
    return "full"


def exempt(account: Account, settings: GatewaySettings) -> bool:
    """Demo staff skip the second factor in development mode, and only there."""
    return settings.development and account.username in DEMO_USERNAMES


def with_password(db: Database, settings: GatewaySettings, *, username: str, password: str,
                  address: str, code: str | None = None, pages: bool = True,
                  end_others: bool = False) -> Started:
    """The first step (and, given `code`, the second too). A page goes on to the second step
    through a waiting session; the API needs both answers at once. `end_others`: the
    account's other sessions end once this one is complete."""
    with db.session() as s:
        outcome = _password_step(s, settings, username=username, password=password,
                                 address=address, code=code, pages=pages,
                                 end_others=end_others)
    if isinstance(outcome, Refused):
        raise outcome
    return outcome


def _password_step(s: Session, settings: GatewaySettings, *, username: str, password: str,
                   address: str, code: str | None, pages: bool,
                   end_others: bool) -> Started | Refused:
    names = throttle.keys(settings, username=username, address=address)
    refused = _blocked(s, names, username, address)
    if refused is not None:
        return refused
    account = identity.authenticate(s, username=username, password=password)
    if account is None:
        return _failed(s, names, username, address, "password")
    stage = stage_of(account, settings)
    if stage == "code" and code is not None:
        if (factor := _check_code(s, account, code, settings.token_secret)) is None:
            return _failed(s, names, username, address, "code")
        return _open(s, settings, account, names, address, factor, end_others)
    if not pages and stage != "full":
        return CodeRequired() if stage == "code" else EnrolFirst()
    if stage != "full":
        session_id, csrf = identity.open_session(s, account=account, hours=0, stage=stage)
        return Started(session_id, csrf, account, stage)
    return _open(s, settings, account, names, address, "password", end_others)


def with_code(db: Database, settings: GatewaySettings, *, session_id: str | None, code: str,
              address: str, end_others: bool = False) -> Started:
    """The second step: the one-time code (or a recovery code) of a waiting session."""
    with db.session() as s:
        outcome = _code_step(s, settings, session_id=session_id, code=code, address=address,
                             end_others=end_others)
    if isinstance(outcome, Refused):
        raise outcome
    return outcome


def _code_step(s: Session, settings: GatewaySettings, *, session_id: str | None, code: str,
               address: str, end_others: bool) -> Started | Refused:
    found = identity.pending_session(s, session_id, "code")
    if found is None:
        return Expired()
    row, account = found
    names = throttle.keys(settings, username=account.username, address=address)
    refused = _blocked(s, names, account.username, address)
    if refused is not None:
        return refused
    if (factor := _check_code(s, account, code, settings.token_secret)) is None:
        return _failed(s, names, account.username, address, "code")
    s.delete(row)
    return _open(s, settings, account, names, address, factor, end_others)


def _check_code(s: Session, account: Account, code: str, token_secret: str) -> str | None:
    """"totp" or "recovery" when the code is right (it cannot be used again), else None."""
    secret = two_factor.unseal(token_secret, account.totp_secret or "")
    step = secret and two_factor.matching_step(secret, code, after=account.totp_last_step)
    if step:
        account.totp_last_step = step
        return "totp"
    if two_factor.use_recovery_code(account, code):
        record(s, audit, actor=account.username, action="two_factor.recovery_code_used",
               entity="account", entity_id=account.username,
               after={"left": len(account.recovery_codes)})
        return "recovery"
    return None


def finish_enrolment(db: Database, settings: GatewaySettings, *,
                     session_id: str | None, address: str, end_others: bool) -> Started:
    """After enrolment during sign-in: the waiting session becomes a complete one."""
    with db.session() as s:
        found = identity.pending_session(s, session_id, "enrol")
        if found is None or found[1].totp_enabled_at is None:
            raise Expired()
        row, account = found
        s.delete(row)
        return _open(s, settings, account, {}, address, "totp", end_others)


def _open(s: Session, settings: GatewaySettings, account: Account,
          names: dict[str, throttle.Limits], address: str, factor: str,
          end_others: bool) -> Started:
    for name in names:
        if name.startswith("account:"):
            throttle.forget(s, name)
    session_id, csrf = identity.open_session(s, account=account, hours=settings.session_hours)
    if end_others:
        identity.end_other_sessions(s, account=account, keep=session_id)
    record(s, audit, actor=account.username, action="sign_in.succeeded", entity="account",
           entity_id=account.username, after={"address": address, "factor": factor})
    return Started(session_id, csrf, account, "full")


def _blocked(s: Session, names: dict[str, throttle.Limits], username: str,
             address: str) -> Blocked | None:
    until = throttle.blocked_until(s, list(names))
    if until is None:
        return None
    _audit_failure(s, username, address, "blocked", until)
    return Blocked(until)


def _failed(s: Session, names: dict[str, throttle.Limits], username: str, address: str,
            reason: str) -> WrongAnswer:
    SIGN_IN_FAILURES.inc()
    failures = {name: throttle.fail(s, name, limits) for name, limits in names.items()}
    waits = [f.blocked_until for f in failures.values() if f.blocked_until is not None]
    until = max(waits, default=None)
    _audit_failure(s, username, address, reason, until)
    for name, failure in failures.items():
        if failure.locked:
            record(s, audit, actor=username[:120], action="sign_in.locked", entity="sign_in",
                   entity_id=name[:120], after={"failures": failure.failures,
                                                "until": failure.blocked_until.isoformat()
                                                if failure.blocked_until else None})
    return WrongAnswer(until, locked=any(f.locked for f in failures.values()))


def _audit_failure(s: Session, username: str, address: str, reason: str,
                   until: datetime | None) -> None:
    record(s, audit, actor=username[:120] or "anonymous", action="sign_in.failed",
           entity="account", entity_id=username[:120],
           after={"address": address, "reason": reason,
                  "wait_until": until.isoformat() if until else None})
