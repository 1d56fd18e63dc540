"""Who is calling: password sign-in, server-side sessions, CSRF tokens and API keys."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, event, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from gateway.models import Account, ApiKey, SignInSession, audit
from kit.audit import record
from kit.auth import Principal
from kit.clock import now

# Argon2id at OWASP's recommended cost (19 MiB, two passes, one lane): each verification
# holds its memory while it runs, so the library's default (64 MiB, four lanes) made every
# concurrent sign-in cost 64 MiB of the process. Older hashes verify with their own
# parameters and are rehashed at the next sign-in.
hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
ANONYMOUS = Principal(sub="anonymous", name="访客", roles=("public",))
# The most an API key may carry: a machine role, never a person's or an administrator's.
MACHINE_ROLES = ("provincial_system", "supervisor")
# A real hash to verify against when the username is unknown, so timing does not tell.
_DUMMY_HASH = hasher.hash("no-such-account")
PENDING = timedelta(minutes=10)  # to give the second factor
TOUCH_EVERY = timedelta(minutes=1)
# The hash of an account without a password (invited, or reset): nothing matches it, so only a
# one-time link opens the account.
NO_PASSWORD = "!unset"


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def principal_of(account: Account) -> Principal:
    """The principal a signed-in account acts as; everyone may also read public pages."""
    return Principal(sub=account.username, name=account.display_name,
                     roles=(*account.roles, "public"), department=account.department,
                     group=account.group_code, enterprise=account.enterprise)


def butler_name(session: Session, username: str) -> str | None:
    """The display name of an enabled butler's account, None when there is no such butler
    (an enterprise mandates butlers only)."""
    account = session.scalars(select(Account).where(col(Account.username) == username)).first()
    if account is None or account.disabled or "butler" not in account.roles:
        return None
    return account.display_name


def authenticate(session: Session, *, username: str, password: str) -> Account | None:
    """The account when the password matches, else None."""
    account = session.scalars(select(Account).where(col(Account.username) == username)).first()
    if account is not None and account.password_hash == NO_PASSWORD:
        account = None  # waiting for its one-time link: no password opens it
    try:
        hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if account is not None and hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hasher.hash(password)
    return account if account and not account.disabled else None


def open_session(session: Session, *, account: Account, hours: float,
                 stage: str = "full") -> tuple[str, str]:
    """Start a session; return (cookie value, CSRF token). Only a hash of the id is stored.
    A session waiting for a second factor (`stage` "code" or "enrol") lasts minutes."""
    if account.id is None:
        raise ValueError("only a stored account opens a session")
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    moment = now()
    lasts = timedelta(hours=hours) if stage == "full" else PENDING
    session.add(SignInSession(id_hash=sha256(session_id), account_id=account.id, csrf_token=csrf,
                              created_at=moment, expires_at=moment + lasts, last_seen_at=moment,
                              stage=stage))
    return session_id, csrf


@dataclass(frozen=True)
class Live:
    """A live session: its account and CSRF token; `stale` when its last activity is worth
    writing down (once a minute at most, not on every request)."""

    account: Account
    csrf_token: str
    stale: bool


def resolve_session(session: Session, session_id: str | None, *,
                    idle: timedelta) -> Live | None:
    """The account of a live, complete session: not past its end, not idle too long, not
    older than the account's last disabling; else None."""
    found = _session_row(session, session_id)
    if found is None or found[0].stage != "full":
        return None
    row, account = found
    moment = now()
    if row.last_seen_at + idle <= moment:
        return None
    return Live(account, row.csrf_token, row.last_seen_at + TOUCH_EVERY <= moment)


def pending_session(session: Session, session_id: str | None,
                    stage: str) -> tuple[SignInSession, Account] | None:
    """A session waiting at `stage` of the sign-in, and its account; else None."""
    found = _session_row(session, session_id)
    return found if found is not None and found[0].stage == stage else None


def _session_row(session: Session,
                 session_id: str | None) -> tuple[SignInSession, Account] | None:
    if not session_id:
        return None
    row = session.get(SignInSession, sha256(session_id))
    if row is None or row.expires_at <= now():
        return None
    account = session.get(Account, row.account_id)
    if account is None or account.disabled:
        return None
    if account.sessions_after is not None and row.created_at <= account.sessions_after:
        return None
    return row, account


def touch_session(session: Session, session_id: str) -> None:
    """Write down the session's last activity (the idle timeout counts from it)."""
    session.execute(update(SignInSession).where(col(SignInSession.id_hash) == sha256(session_id))
                    .values(last_seen_at=now()))


def close_session(session: Session, session_id: str | None) -> None:
    """End a session on the server: the cookie is worthless afterwards."""
    if not session_id:
        return
    row = session.get(SignInSession, sha256(session_id))
    if row is None:
        return
    account = session.get(Account, row.account_id)
    session.delete(row)
    if account is not None and row.stage == "full":
        record(session, audit, actor=account.username, action="session.closed",
               entity="account", entity_id=account.username)


def end_other_sessions(session: Session, *, account: Account, keep: str | None) -> int:
    """End every session of the account but `keep` (this browser's); how many ended."""
    query = delete(SignInSession).where(col(SignInSession.account_id) == account.id)
    if keep:
        query = query.where(col(SignInSession.id_hash) != sha256(keep))
    ended = session.execute(query).rowcount  # type: ignore[attr-defined]  # CursorResult
    record(session, audit, actor=account.username, action="session.closed", entity="account",
           entity_id=account.username, after={"other_sessions": ended})
    return int(ended)


def set_password(session: Session, *, account: Account, password: str,
                 keep: str | None) -> None:
    """A new password; every other session of the account ends."""
    account.password_hash = hasher.hash(password)
    record(session, audit, actor=account.username, action="account.password_changed",
           entity="account", entity_id=account.username)
    end_other_sessions(session, account=account, keep=keep)


@event.listens_for(Account.disabled, "set")
def _disabling_ends_sessions(account: Account, value: bool, old: object, _: object) -> None:
    """However an account is disabled, its sessions die with it, for good."""
    if value and old is not True:
        account.sessions_after = now()


def verify_password(account: Account, password: str) -> bool:
    """True when `password` is the account's."""
    try:
        return hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def csrf_matches(expected: str, given: object) -> bool:
    """Whether `given` (a header or form value: any text, or a file) is the session's token."""
    return isinstance(given, str) and bool(given) and hmac.compare_digest(
        expected.encode(), given.encode())


def resolve_api_key(session: Session, key: str, env_key: str | None) -> Principal | None:
    """The machine principal of an API key: the environment's provincial key or a stored one."""
    if env_key and hmac.compare_digest(key, env_key):
        return Principal(sub="provincial-system", name="省事项目录管理系统",
                         roles=("provincial_system",))
    row = session.scalars(select(ApiKey).where(col(ApiKey.key_hash) == sha256(key))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now():
        return None
    # Whatever the row says, a key carries machine roles only.
    roles = tuple(r for r in row.roles if r in MACHINE_ROLES)
    return Principal(sub=f"api-key:{row.name}", name=row.name, roles=roles)


def issue_api_key(session: Session, *, name: str, roles: list[str], days: int) -> str:
    """A new API key valid for `days` (returned once; only its hash is kept)."""
    if not set(roles) <= set(MACHINE_ROLES):
        raise ValueError(f"an API key carries machine roles only: {MACHINE_ROLES}")
    key = "ow_" + secrets.token_urlsafe(32)
    at = now()
    session.add(ApiKey(key_hash=sha256(key), name=name, roles=roles, created_at=at,
                       expires_at=at + timedelta(days=days)))
    return key


def create_account(session: Session, *, username: str, password: str | None, display_name: str,
                   roles: list[str], **scope: object) -> Account:
    """A new account; without a password it waits for its one-time link."""
    account = Account(username=username,
                      password_hash=hasher.hash(password) if password else NO_PASSWORD,
                      display_name=display_name, roles=roles, **scope)  # type: ignore[arg-type]
    session.add(account)
    session.flush()
    return account
