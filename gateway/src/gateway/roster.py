"""Accounts and units as the system administrator keeps them: each change audited (who,
before, after) and told to review (`account.changed`) in the same transaction."""

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlmodel import col

from gateway import identity
from gateway.models import Account, SignInSession, Unit, audit, outbox
from kit.audit import record
from kit.errors import Conflict, Forbidden, Invalid, NotFound
from kit.outbox import emit

ACCOUNT_CHANGED = "account.changed"
# What the system administrator sets on an account; roles are the security administrator's.
SCOPE = ("display_name", "department", "group_code", "enterprise", "unit")


def find(*, session: Session, username: str) -> Account:
    """The account named `username`, else 404."""
    found = session.scalars(select(Account).where(col(Account.username) == username)).first()
    if found is None:
        raise NotFound(f"No account {username}.")
    return found


def shown(account: Account) -> dict[str, Any]:
    """What the trail keeps of an account, before and after a change."""
    return {"username": account.username, "display_name": account.display_name,
            "roles": list(account.roles), "department": account.department,
            "group_code": account.group_code, "enterprise": account.enterprise,
            "unit": account.unit, "disabled": account.disabled}


def tell_review(session: Session, account: Account) -> None:
    """`account.changed` to review: who the account is now (review keeps its reviewers)."""
    unit = session.get(Unit, account.unit) if account.unit else None
    emit(session, outbox, event_type=ACCOUNT_CHANGED, destinations=["review"], payload={
        "username": account.username, "display_name": account.display_name,
        "roles": list(account.roles), "group_code": account.group_code,
        "department": account.department, "unit": unit.name if unit else None,
        "active": not account.disabled})


def _known_unit(session: Session, code: str | None) -> None:
    if code is not None and session.get(Unit, code) is None:
        raise Invalid(f"No unit {code}.")


def create(*, session: Session, actor: str, username: str, display_name: str,
           password: str | None = None, roles: list[str] | None = None,
           **scope: str | None) -> Account:
    """A new account (without roles unless the demo says so); without a password it waits
    for its one-time link."""
    if session.scalars(select(Account).where(col(Account.username) == username)).first():
        raise Conflict(f"The account {username} exists already.")
    _known_unit(session, scope.get("unit"))
    account = identity.create_account(session, username=username, password=password,
                                      display_name=display_name, roles=roles or [], **scope)
    record(session, audit, actor=actor, action="account.created", entity="account",
           entity_id=username, after=shown(account))
    tell_review(session, account)
    return account


def update(*, session: Session, actor: str, account: Account,
           changes: dict[str, str | None]) -> Account:
    """Change the account's name, department, review group (a clerk's: window) or unit."""
    _known_unit(session, changes.get("unit"))
    before = shown(account)
    for name, value in changes.items():
        if name not in SCOPE:
            raise Invalid(f"{name} is not changed here.")
        setattr(account, name, value)
    session.flush()
    record(session, audit, actor=actor, action="account.updated", entity="account",
           entity_id=account.username, before=before, after=shown(account))
    tell_review(session, account)
    return account


def end_sessions(session: Session, account: Account) -> None:
    """Every session of the account ends now."""
    session.execute(delete(SignInSession).where(col(SignInSession.account_id) == account.id))


def set_disabled(*, session: Session, actor: str, account: Account, disabled: bool) -> Account:
    """Disable (it cannot sign in, its sessions end) or enable an account again."""
    if account.username == actor:
        raise Forbidden("An administrator does not disable their own account.")
    before = shown(account)
    account.disabled = disabled
    if disabled:
        end_sessions(session, account)
    record(session, audit, actor=actor, action="account.disabled" if disabled else
           "account.enabled", entity="account", entity_id=account.username, before=before,
           after=shown(account))
    tell_review(session, account)
    return account


def set_roles(*, session: Session, actor: str, account: Account, roles: list[str],
              administrators: tuple[str, ...]) -> Account:
    """Give the account its roles (never an administrator's, never one's own)."""
    if account.username == actor or set(account.roles) & set(administrators):
        raise Forbidden("An administrator's roles are set at installation, not here.")
    before = list(account.roles)
    account.roles = list(dict.fromkeys(roles))
    record(session, audit, actor=actor, action="account.roles_set", entity="account",
           entity_id=account.username, before={"roles": before}, after={"roles": account.roles})
    tell_review(session, account)
    return account


# --- units ---------------------------------------------------------------------------------

def units(*, session: Session) -> list[Unit]:
    """Every unit, by code."""
    return list(session.scalars(select(Unit).order_by(col(Unit.code))))


def _name_free(session: Session, name: str, code: str) -> None:
    taken = session.scalars(select(Unit).where(col(Unit.name) == name)).first()
    if taken is not None and taken.code != code:
        raise Conflict(f"The unit {taken.code} is named {name} already.")


def add_unit(*, session: Session, actor: str, code: str, name: str) -> Unit:
    """A new unit."""
    if session.get(Unit, code) is not None:
        raise Conflict(f"The unit {code} exists already.")
    _name_free(session, name, code)
    unit = Unit(code=code, name=name)
    session.add(unit)
    session.flush()
    record(session, audit, actor=actor, action="unit.created", entity="unit", entity_id=code,
           after={"code": code, "name": name})
    return unit


def rename_unit(*, session: Session, actor: str, code: str, name: str) -> Unit:
    """A unit's new name; review learns it for each of the unit's accounts."""
    unit = session.get(Unit, code)
    if unit is None:
        raise NotFound(f"No unit {code}.")
    _name_free(session, name, code)
    before, unit.name = unit.name, name
    session.flush()
    record(session, audit, actor=actor, action="unit.renamed", entity="unit", entity_id=code,
           before={"name": before}, after={"name": name})
    for account in session.scalars(select(Account).where(col(Account.unit) == code)):
        tell_review(session, account)
    return unit


def remove_unit(*, session: Session, actor: str, code: str) -> None:
    """Remove a unit no account belongs to."""
    unit = session.get(Unit, code)
    if unit is None:
        raise NotFound(f"No unit {code}.")
    if session.scalars(select(Account).where(col(Account.unit) == code)).first():
        raise Conflict(f"Accounts still belong to the unit {code}.")
    session.delete(unit)
    record(session, audit, actor=actor, action="unit.removed", entity="unit", entity_id=code,
           before={"code": code, "name": unit.name})
