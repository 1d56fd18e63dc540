"""Engines and sessions: one schema per part, on PostgreSQL or on attached SQLite files."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, MetaData, TypeDecorator, create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, registry, sessionmaker
from sqlalchemy.pool import QueuePool

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back with its offset, on both databases."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def schema_registry(schema: str) -> registry:
    """A SQLModel/SQLAlchemy registry whose tables all live in `schema`."""
    return registry(metadata=MetaData(schema=schema, naming_convention=NAMING_CONVENTION))


def is_sqlite(url: str) -> bool:
    """True when `url` names SQLite rather than PostgreSQL."""
    return url.startswith("sqlite")


def sqlite_file(url: str, schema: str) -> Path:
    """The file that holds `schema`: the URL names a folder (one file per schema) or a file."""
    path = Path(make_url(url).database or "var")
    return path if path.suffix == ".db" else path / f"{schema}.db"


def busy_ms() -> int:
    """How long a SQLite writer waits for another connection's write transaction before
    "database is locked", in milliseconds (`ONEWINDOW_SQLITE_BUSY_MS`, 30 s by default)."""
    return int(os.environ.get("ONEWINDOW_SQLITE_BUSY_MS", "30000"))


READER_CACHE_KB = 256  # SQLite's page cache of one reading connection


def _sqlite_engine(url: str, schema: str, *, writer: bool) -> Engine:
    path = sqlite_file(url, schema)
    path.parent.mkdir(parents=True, exist_ok=True)

    def connect() -> sqlite3.Connection:
        # The main database is empty; the schema's file is attached under the schema's name
        # so that schema-qualified SQL runs unchanged on SQLite and PostgreSQL.
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        conn.execute("ATTACH DATABASE ? AS " + schema, (str(path),))
        conn.execute(f"PRAGMA {schema}.journal_mode=WAL")
        conn.execute(f"PRAGMA {schema}.synchronous=NORMAL")
        conn.execute(f"PRAGMA busy_timeout={busy_ms()}")
        conn.execute("PRAGMA foreign_keys=ON")
        # Each connection keeps its own page cache (2 MB by default): with a pool of readers
        # per part in one process, the operating system's file cache serves reads as well.
        conn.execute(f"PRAGMA {schema}.cache_size=-{2048 if writer else READER_CACHE_KB}")
        return conn

    # Writes go through one connection: pooled writers fighting for SQLite's lock is slow.
    engine = create_engine(
        "sqlite://",
        creator=connect,
        poolclass=QueuePool,
        pool_size=1 if writer else 8,
        max_overflow=0 if writer else 8,
        pool_timeout=60,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


class Database:
    """The database of one part: a reader and a writer engine (the same one on PostgreSQL)."""

    def __init__(self, url: str, schema: str) -> None:
        self.url = url
        self.schema = schema
        if is_sqlite(url):
            self.writer = _sqlite_engine(url, schema, writer=True)
            self.reader = _sqlite_engine(url, schema, writer=False)
        else:
            # 25 of the process's 30 connections; kit.reads' engine holds the other 5
            # (deploy/base/database.yaml sizes max_connections by 30 a process). Most are kept
            # when returned: an overflow connection is closed at once and opened again by the
            # next request beyond the pool (a new server process each time, on PostgreSQL).
            self.writer = self.reader = create_engine(
                url, pool_size=20, max_overflow=5, pool_pre_ping=True
            )
        self._write = sessionmaker(self.writer, expire_on_commit=False)
        self._read = sessionmaker(self.reader, expire_on_commit=False)

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """A session that commits once at the end, or rolls back on any error."""
        with (self._write if write else self._read)() as session:
            try:
                yield session
                if write:
                    session.commit()
            except BaseException:
                session.rollback()
                raise

    def ping(self) -> None:
        """Raise unless the database answers."""
        with self.reader.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        """Close every pooled connection of both engines."""
        self.writer.dispose()
        self.reader.dispose()
