"""The audit trail: every state change records who, when, what, before and after.

Each entry also says the caller's role, source address and request id and the outcome, and
carries the hash of the entry before it in the same schema (a chain: changing, removing or
reordering an entry breaks every hash after it; `python -m gateway audit-verify` checks it).
Entries are appended when the transaction commits, one transaction at a time per schema, so
concurrent requests keep the chain whole.
"""

import hashlib
import json
import zlib
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session, SessionTransaction

from kit.clock import now
from kit.db import UtcDateTime
from kit.logs import request_id_var

GENESIS = "0" * 64  # the "previous hash" of a schema's first entry
PENDING = "audit_pending"
# What a hash covers, in this order (the id is the chain's order, not part of the content).
HASHED = ("at", "actor", "role", "address", "request_id", "action", "entity", "entity_id",
          "before", "after", "outcome", "prev_hash")


@dataclass
class Caller:
    """Who the current request acts for, as the audit trail names them."""

    actor: str = ""
    role: str = ""
    address: str = ""


caller_var: ContextVar[Caller | None] = ContextVar("audit_caller", default=None)


def audit_table(metadata: MetaData) -> Table:
    """The audit entries of one part."""
    return Table(
        "audit_entry", metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
               autoincrement=True),
        Column("at", UtcDateTime(), nullable=False),
        Column("actor", String(120), nullable=False),
        Column("action", String(80), nullable=False),
        Column("entity", String(80), nullable=False),
        Column("entity_id", String(120), nullable=False),
        Column("before", JSON),
        Column("after", JSON),
        Column("role", String(120), nullable=True),
        Column("address", String(64), nullable=True),
        Column("request_id", String(100), nullable=True),
        Column("outcome", String(20), nullable=True),
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
    )


def record(session: Session, audit: Table, *, actor: str, action: str, entity: str,
           entity_id: str, before: Any = None, after: Any = None, role: str | None = None,
           address: str | None = None, request_id: str | None = None,
           outcome: str = "succeeded") -> None:
    """Add an audit entry in the caller's transaction (appended to the chain at commit); the
    role, address and request id default to the current request's."""
    caller = caller_var.get() or Caller()
    entry = {"at": now(), "actor": actor[:120], "action": action, "entity": entity,
             "entity_id": str(entity_id)[:120], "before": _plain(before),
             "after": _plain(after), "role": (role if role is not None else caller.role)[:120],
             "address": (address if address is not None else caller.address)[:64],
             "request_id": (request_id or request_id_var.get())[:100], "outcome": outcome}
    session.info.setdefault(PENDING, []).append((audit, entry))


def entry_hash(entry: Any) -> str:
    """The SHA-256 of an entry's content and its predecessor's hash (hex)."""
    values = entry if isinstance(entry, dict) else entry._mapping
    content = [_stamp(values["at"]) if k == "at" else values[k] for k in HASHED]
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def last_hash(session: Session, audit: Table) -> str:
    """The hash of the schema's newest entry (GENESIS when there is none)."""
    found = session.execute(select(audit.c.hash).order_by(audit.c.id.desc()).limit(1)).first()
    return found[0] if found else GENESIS


def lock_chain(session: Session, audit: Table) -> None:
    """Serialize appends to one schema's chain until the transaction ends (PostgreSQL: an
    advisory lock; SQLite: writers already hold the database's one write lock)."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"audit_entry:{audit.schema}".encode())
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _append(session: Session) -> None:
    pending = session.info.pop(PENDING, [])
    for audit in dict.fromkeys(table for table, _ in pending):
        lock_chain(session, audit)
        previous = last_hash(session, audit)
        for _, entry in (p for p in pending if p[0] is audit):
            entry = {**entry, "prev_hash": previous}
            entry["hash"] = previous = entry_hash(entry)
            session.execute(insert(audit).values(**entry))


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.info.get(PENDING) and not session.in_nested_transaction():
        _append(session)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost one ended: committed or rolled back
        session.info.pop(PENDING, None)


def _stamp(at: datetime) -> str:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC).isoformat(
        timespec="microseconds")


def _plain(value: Any) -> Any:
    """The value as the JSON column gives it back, so its hash is the same once read."""
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False))


@dataclass(frozen=True)
class Break:
    """Where a chain is broken: the first entry that does not hold, and why."""

    entry_id: int
    reason: str


def verify(session: Session, audit: Table) -> tuple[int, Break | None]:
    """Check one schema's chain, oldest first: (entries checked, the first break or None).

    The oldest entry follows GENESIS, or the last entry removed by a retention run (named by
    the `audit.pruned` entries), so expired entries may go while the rest still proves itself.
    """
    anchors = {GENESIS} | {
        str((after or {}).get("last_hash")) for after in session.scalars(
            select(audit.c.after).where(audit.c.action == "audit.pruned"))}
    previous: str | None = None
    count = 0
    for row in session.execute(select(audit).order_by(audit.c.id)).yield_per(1000):
        count += 1
        follows = row.prev_hash == previous if previous is not None else row.prev_hash in anchors
        if not follows:
            return count, Break(row.id, "the entry before it is missing or was changed")
        if entry_hash(row) != row.hash:
            return count, Break(row.id, "its content no longer matches its hash")
        previous = row.hash
    return count, None


def prune(session: Session, audit: Table, *, before: datetime, actor: str) -> int:
    """Remove the entries older than `before` (the retention has passed) and record it with
    the last removed entry's hash, the anchor the rest of the chain now starts from; the
    number removed. Run by the schema's owner: the services' role may not delete."""
    lock_chain(session, audit)
    old = session.execute(select(audit.c.id, audit.c.hash).where(audit.c.at < before)
                          .order_by(audit.c.id.desc()).limit(1)).first()
    if old is None:
        return 0
    removed = session.scalar(select(func.count()).where(audit.c.id <= old.id)) or 0
    session.execute(audit.delete().where(audit.c.id <= old.id))
    record(session, audit, actor=actor, action="audit.pruned", entity="audit_entry",
           entity_id=str(old.id), after={"last_hash": old.hash, "removed": removed,
                                         "before": _stamp(before)})
    return removed
