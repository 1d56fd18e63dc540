"""Databases for the suite: every database test runs on SQLite, and on PostgreSQL when reachable.

Each backend is migrated once per session through the real Alembic trees; each test starts
from empty tables (truncated), so no state leaks between tests.
"""

import gc
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Table, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from kit import migrations
from kit.auth import Principal, mint
from kit.db import Database, is_sqlite
from kit.settings import DEVELOPMENT_SECRET
from tests import sqlite_leaks

ROOT = Path(__file__).resolve().parents[1]
PARTS = [p for p in ("catalog", "intake", "review", "publish", "gateway")
         if any((ROOT / "migrations" / p / "versions").glob("*.py"))]
# On a busy 2-core machine running browsers and platforms beside the suite, a writer of the
# shared SQLite test files may wait longer than production's 30 s (90 s here).
os.environ.setdefault("ONEWINDOW_SQLITE_BUSY_MS", "90000")
# The suite builds thousands of apps in one process: none sets its heap aside from the cycle
# collector (kit.app.settle_heap), or every discarded app's cycles would stay.
os.environ.setdefault("ONEWINDOW_FREEZE_HEAP", "0")
POSTGRES_URL = os.environ.get(
    "ONEWINDOW_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SECRET = DEVELOPMENT_SECRET


def postgres_reachable(url: str) -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        dsn = url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:
        return str(exc)
    return None


def require_postgres() -> None:
    """Skip (or fail, when ONEWINDOW_REQUIRE_POSTGRES=1) without a reachable PostgreSQL."""
    why = postgres_reachable(POSTGRES_URL)
    if why:
        if os.environ.get("ONEWINDOW_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but unreachable: {why}")
        pytest.skip(f"PostgreSQL unreachable: {why}")


def scratch_postgres(suffix: str) -> str:
    """An emptied database of its own beside the test database, so others are not disturbed."""
    url = make_url(POSTGRES_URL)
    name = f"{url.database}_{suffix}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    scratch = url.set(database=name).render_as_string(hide_password=False)
    reset_postgres(scratch)
    return scratch


def terminate_reads(url: str, part: str) -> int:
    """Kill every connection of a part's read engine (kit.reads names them), as a database
    restart would; how many were killed."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        killed = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s AND datname = current_database()",
            (f"onewindow-{part}-reads",)).fetchone()
    return int(killed[0]) if killed else 0


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for part in PARTS:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{part}" CASCADE'))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database URL: a folder of SQLite files, or the PostgreSQL test database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite')}"
    else:
        require_postgres()
        url = POSTGRES_URL
        reset_postgres(url)
    for part in PARTS:
        migrations.upgrade(part, url)
    return url


def truncate_all(url: str) -> None:
    """Empty every table of every part except the Alembic version tables."""
    for part in PARTS:
        db = Database(url, part)
        with db.session() as s:
            if is_sqlite(url):
                s.execute(text("PRAGMA defer_foreign_keys=ON"))
                names = [r[0] for r in s.execute(text(
                    f"SELECT name FROM {part}.sqlite_master WHERE type='table' "
                    "AND name NOT IN ('alembic_version', 'sqlite_sequence')"))]
                for name in names:
                    s.execute(text(f'DELETE FROM {part}."{name}"'))
            else:
                names = [r[0] for r in s.execute(text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = :s "
                    "AND tablename <> 'alembic_version'"), {"s": part})]
                if names:
                    joined = ", ".join(f'{part}."{n}"' for n in names)
                    s.execute(text(f"TRUNCATE {joined} RESTART IDENTITY CASCADE"))
        db.dispose()


@pytest.fixture
def db_url(database_url: str) -> Iterator[str]:
    """The migrated database, emptied for this test. A session an earlier test left unclosed
    would keep its SQLite write transaction (and the lock) open: garbage collection closes an
    unreachable one; a reachable one fails this test, naming the test that left it."""
    if is_sqlite(database_url) and sqlite_leaks.leaked(peek=True):
        gc.collect()
        if leaks := sqlite_leaks.leaked():
            pytest.fail("An earlier test left a SQLite write transaction open:\n"
                        + "\n".join(leaks))
    try:
        truncate_all(database_url)
    except OperationalError as error:
        if "locked" not in str(error):
            raise
        # No thread of this process is seen holding the lock when this happens (the threads
        # below): an unreachable session of an earlier test's app may, until collected.
        gc.collect()
        try:
            truncate_all(database_url)
        except OperationalError as again:
            pytest.fail(f"The test database stayed locked ({again}); the threads:\n"
                        + sqlite_leaks.threads())
    yield database_url


def pytest_runtest_setup(item: pytest.Item) -> None:
    sqlite_leaks.CURRENT[0] = item.nodeid


def token(*roles: str, sub: str = "tester", **scope: Any) -> dict[str, str]:
    """An Authorization header with a token for `roles` and scope (department, group…)."""
    principal = Principal(sub=sub, name=sub, roles=roles, **scope)
    # Test modules mint their tokens at import; a long suite must not outlive them.
    return {"Authorization": f"Bearer {mint(principal, SECRET, seconds=24 * 3600)}"}


def envelope(event_type: str, payload: Any, *, source: str = "catalog",
             event_id: str | None = None) -> dict[str, Any]:
    """An event envelope as a part's outbox relay sends it to `POST /internal/events`."""
    return {"id": event_id or str(uuid.uuid4()), "type": event_type, "source": source,
            "occurred_at": "2026-11-26T08:00:00+00:00", "payload": payload}


def audit_actions(db_url: str, audit: Table, *, entity: str, entity_id: str) -> list[str]:
    """The actions in a part's audit trail for one entity, oldest first."""
    db = Database(db_url, str(audit.schema))
    try:
        with db.session(write=False) as session:
            return list(session.execute(
                select(audit.c.action).where(audit.c.entity == entity,
                                             audit.c.entity_id == entity_id)
                .order_by(audit.c.id)).scalars())
    finally:
        db.dispose()
