"""Who is calling: password sign-in, server-side sessions, CSRF tokens and API keys."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlmodel import col

from gateway.models import Account, ApiKey, SignInSession, audit
from kit.audit import record
from kit.auth import Principal
from kit.clock import now

hasher = PasswordHasher()
ANONYMOUS = Principal(sub="anonymous", name="访客", roles=("public",))
# A real hash to verify against when the username is unknown, so timing does not tell.
_DUMMY_HASH = hasher.hash("no-such-account")


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def principal_of(account: Account) -> Principal:
    """The principal a signed-in account acts as; everyone may also read public pages."""
    return Principal(sub=account.username, name=account.display_name,
                     roles=(*account.roles, "public"), department=account.department,
                     group=account.group_code, enterprise=account.enterprise,
                     mandators=tuple(account.mandators))


def authenticate(session: Session, *, username: str, password: str) -> Account | None:
    """The account when the password matches, else None."""
    account = session.scalars(select(Account).where(col(Account.username) == username)).first()
    try:
        hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return account if account and not account.disabled else None


def open_session(session: Session, *, account: Account, hours: float) -> tuple[str, str]:
    """Start a session; return (cookie value, CSRF token). Only a hash of the id is stored."""
    if account.id is None:
        raise ValueError("only a stored account opens a session")
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    session.add(SignInSession(id_hash=sha256(session_id), account_id=account.id, csrf_token=csrf,
                              created_at=now(), expires_at=now() + timedelta(hours=hours)))
    record(session, audit, actor=account.username, action="session.opened", entity="account",
           entity_id=account.username)
    return session_id, csrf


def resolve_session(session: Session, session_id: str | None) -> tuple[Account, str] | None:
    """The account and CSRF token of a live session, or None."""
    if not session_id:
        return None
    row = session.get(SignInSession, sha256(session_id))
    if row is None or row.expires_at <= now():
        return None
    account = session.get(Account, row.account_id)
    if account is None or account.disabled:
        return None
    return account, row.csrf_token


def close_session(session: Session, session_id: str | None) -> None:
    """End a session on the server: the cookie is worthless afterwards."""
    if session_id:
        session.execute(delete(SignInSession)
                        .where(col(SignInSession.id_hash) == sha256(session_id)))


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
    if row is None or row.revoked_at is not None:
        return None
    return Principal(sub=f"api-key:{row.name}", name=row.name, roles=tuple(row.roles))


def issue_api_key(session: Session, *, name: str, roles: list[str]) -> str:
    """A new API key (returned once; only its hash is kept)."""
    key = "ow_" + secrets.token_urlsafe(32)
    session.add(ApiKey(key_hash=sha256(key), name=name, roles=roles, created_at=now()))
    return key


def create_account(session: Session, *, username: str, password: str, display_name: str,
                   roles: list[str], **scope: object) -> Account:
    account = Account(username=username, password_hash=hasher.hash(password),
                      display_name=display_name, roles=roles, **scope)  # type: ignore[arg-type]
    session.add(account)
    session.flush()
    return account
