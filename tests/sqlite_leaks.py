"""Find the test that leaves a SQLite write transaction open.

Every pooled SQLite connection checked out is remembered with the test and the stack that took
it, and forgotten when it is checked in. When a test starts, a connection still checked out and
inside a transaction is a leak: it holds the file's write lock, and a later test would wait on
it and fail with "database is locked" far from the cause. `leaked()` names the culprit instead.
"""

import sqlite3
import sys
import threading
import traceback
from typing import Any

from sqlalchemy import event
from sqlalchemy.pool import Pool

CURRENT = ["(before the first test)"]
_OUT: dict[int, tuple[sqlite3.Connection, str, str]] = {}


@event.listens_for(Pool, "checkout")
def _checkout(dbapi: Any, record: Any, proxy: Any) -> None:
    if isinstance(dbapi, sqlite3.Connection):
        _OUT[id(dbapi)] = (dbapi, CURRENT[0], "".join(traceback.format_stack(limit=30)[:-3]))


@event.listens_for(Pool, "checkin")
def _checkin(dbapi: Any, record: Any) -> None:
    if dbapi is not None:
        _OUT.pop(id(dbapi), None)


@event.listens_for(Pool, "close")
def _close(dbapi: Any, record: Any) -> None:
    _OUT.pop(id(dbapi), None)


def leaked(*, peek: bool = False) -> list[str]:
    """Connections an earlier test took and left inside a transaction: who, and from where
    (forgotten once told, unless `peek`)."""
    found = [key for key, (conn, test, _) in _OUT.items()
             if test != CURRENT[0] and _in_transaction(conn)]
    if peek:
        return [_OUT[k][1] for k in found]
    return [f"left by {_OUT[k][1]}, taken at:\n{_OUT.pop(k)[2]}" for k in found]


def _in_transaction(conn: sqlite3.Connection) -> bool:
    try:
        return conn.in_transaction
    except sqlite3.ProgrammingError:  # closed
        return False


def threads() -> str:
    """Every live thread's name and stack: who may hold a lock no leak explains (a thread an
    earlier test left running that took its connection during this one)."""
    names = {t.ident: t.name for t in threading.enumerate()}
    return "\n".join(f"--- {names.get(ident, ident)}\n" + "".join(traceback.format_stack(frame))
                     for ident, frame in sys._current_frames().items())
