"""One-time links to set an account's password: an invitation to a new account, or a reset.
Only a hash of the token is kept; a link works once, before it expires; issuing a new one
kills the earlier ones (and, for a reset, the old password and every session)."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from gateway import identity
from gateway.models import Account, Invitation, audit
from gateway.roster import end_sessions
from kit.audit import record
from kit.clock import now
from kit.errors import Forbidden, Invalid, NotFound

LASTS = timedelta(hours=72)
SHORTEST_PASSWORD = 12


@dataclass(frozen=True)
class Link:
    """A link as the administrator sees it, once: the token (in the path) and its end."""

    token: str
    expires_at: datetime

    @property
    def path(self) -> str:
        """The page that sets the password."""
        return f"/invitation/{self.token}"


def issue(*, session: Session, actor: str, account: Account, reset: bool,
          administrators: tuple[str, ...] = ()) -> Link:
    """A new one-time link for `account`; a reset also ends its password and its sessions.
    No administrator resets their own account or another administrator's (whoever holds the
    link holds the account: 三员分立 would be one person)."""
    if account.id is None:
        raise ValueError("only a stored account gets a link")
    if reset and (account.username == actor or set(account.roles) & set(administrators)):
        raise Forbidden("An administrator's account is not reset here.")
    moment = now()
    _expire_earlier(session, account, moment)
    token = secrets.token_urlsafe(32)
    link = Link(token, moment + LASTS)
    session.add(Invitation(account_id=account.id, token_hash=identity.sha256(token),
                           created_by=actor, created_at=moment, expires_at=link.expires_at))
    if reset:
        account.password_hash = identity.NO_PASSWORD
        account.sessions_after = moment
        end_sessions(session, account)
    record(session, audit, actor=actor, action="account.reset" if reset else "account.invited",
           entity="account", entity_id=account.username,
           after={"link_expires_at": link.expires_at.isoformat()})
    return link


def _expire_earlier(session: Session, account: Account, moment: datetime) -> None:
    session.execute(update(Invitation).where(col(Invitation.account_id) == account.id,
                                             col(Invitation.used_at).is_(None),
                                             col(Invitation.expires_at) > moment)
                    .values(expires_at=moment))


def pending(*, session: Session, token: str) -> tuple[Invitation, Account]:
    """The unused, unexpired link of `token` and its enabled account; else 404 (the page
    says the link is used, expired or unknown, without saying which)."""
    row = session.scalars(select(Invitation).where(
        col(Invitation.token_hash) == identity.sha256(token))).first()
    account = session.get(Account, row.account_id) if row is not None else None
    if row is None or account is None or row.used_at is not None or row.expires_at <= now() \
            or account.disabled:
        raise NotFound("This link is used, expired or unknown.")
    return row, account


def redeem(*, session: Session, token: str, password: str) -> Account:
    """Set the account's password through its link, which then stops working."""
    row, account = pending(session=session, token=token)
    if len(password) < SHORTEST_PASSWORD:
        raise Invalid(f"A password has at least {SHORTEST_PASSWORD} characters.")
    row.used_at = now()
    account.password_hash = identity.hasher.hash(password)
    record(session, audit, actor=account.username, action="account.password_set",
           entity="account", entity_id=account.username)
    return account
