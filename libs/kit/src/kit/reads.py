"""Hot reads: an async engine per part that answers a read in one round trip.

No thread hop (asyncio all the way: psycopg's async connection, or aiosqlite), no ORM where it
buys nothing (Core statements; `orm` lends a session to a read made of a few ORM queries), no
`SELECT 1` before each use (no pre-ping: a connection the server dropped fails its query, and
the read is tried once more on a fresh one), and no `ROLLBACK` after it (the engine runs in
AUTOCOMMIT, and SQLAlchemy skips the rollback an autocommit connection does not need). Writes,
and reads that belong to a write, keep the part's `Database` sessions.
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

import aiosqlite
from fastapi import Depends, Request
from sqlalchemy import Connection, CursorResult, Executable, Row
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlalchemy.util import greenlet_spawn

from kit.db import READER_CACHE_KB, busy_ms, is_sqlite, sqlite_file

# A pooled connection older than this is closed and opened again at its next use (a
# firewall or a proxy in between may drop idle connections quietly; the retry covers the rest).
RECYCLE_S = 1800
T = TypeVar("T")
AnyRow = Row[*tuple[Any, ...]]  # a row of any columns
Parameters = Mapping[str, Any] | None


def _sqlite_reader(url: str, schema: str) -> AsyncEngine:
    path = sqlite_file(url, schema)

    async def connect() -> aiosqlite.Connection:
        # As kit.db's engines: the schema's file attached under the schema's name; read only.
        conn = await aiosqlite.connect(":memory:", isolation_level=None)
        await conn.execute("ATTACH DATABASE ? AS " + schema, (str(path),))
        await conn.execute(f"PRAGMA busy_timeout={busy_ms()}")
        await conn.execute("PRAGMA query_only=ON")
        await conn.execute(f"PRAGMA {schema}.cache_size=-{READER_CACHE_KB}")
        return conn

    return create_async_engine(
        "sqlite+aiosqlite://", async_creator=connect, poolclass=AsyncAdaptedQueuePool,
        pool_size=8, max_overflow=8, pool_recycle=RECYCLE_S,
        isolation_level="AUTOCOMMIT", skip_autocommit_rollback=True)


def _postgres_reader(url: str, schema: str) -> AsyncEngine:
    # A read holds its connection for one round trip: five serve many concurrent requests
    # (and keep the process within the 30 connections the deployment sizes for).
    # `postgresql+psycopg://` names psycopg's async connection under create_async_engine.
    named = {} if "application_name" in make_url(url).query else {
        "application_name": f"onewindow-{schema}-reads"}  # seen in pg_stat_activity
    return create_async_engine(
        url, pool_size=5, max_overflow=0, pool_pre_ping=False, pool_recycle=RECYCLE_S,
        isolation_level="AUTOCOMMIT", skip_autocommit_rollback=True, connect_args=named)


class Reader:
    """The read engine of one part (`app.state.reader`):
    `await reader.first(statement, {"code": code})`."""

    def __init__(self, url: str, schema: str) -> None:
        self.engine = (_sqlite_reader if is_sqlite(url) else _postgres_reader)(url, schema)

    async def run(self, statement: Executable, parameters: Parameters,
                  take: Callable[[CursorResult[*tuple[Any, ...]]], T]) -> T:
        """`take(result)` of one statement and its `parameters` (for a statement built once
        with `bindparam`s), on a pooled connection."""
        return await self._retried(lambda conn: take(conn.execute(statement, parameters)))

    async def orm(self, work: Callable[[Session], T]) -> T:
        """`work(session)` with an ORM session over one pooled connection: a read made of a
        few ORM queries, each one round trip, none inside a transaction."""
        def on(conn: Connection) -> T:
            with Session(bind=conn) as session:
                return work(session)
        return await self._retried(on)

    async def _retried(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)` on a pooled connection; tried once more on a fresh connection
        when the first turns out to have been dropped (a restarted database, an idle
        connection cut by the network)."""
        for retry in (False, True):
            try:
                # One hop into SQLAlchemy's greenlet for checkout, execute and return, where
                # `async with engine.connect()` and `await conn.execute` would take three.
                return await greenlet_spawn(self._on_connection, work)
            except DBAPIError as exc:
                # SQLAlchemy has already invalidated the pool's older connections.
                if retry or not exc.connection_invalidated:
                    raise
        raise AssertionError("unreachable")

    def _on_connection(self, work: Callable[[Connection], T]) -> T:
        with self.engine.sync_engine.connect() as conn:
            return work(conn)

    async def first(self, statement: Executable,
                    parameters: Parameters = None) -> AnyRow | None:
        """The first row of a read, or None."""
        return await self.run(statement, parameters, lambda result: result.first())

    async def all(self, statement: Executable, parameters: Parameters = None) -> list[AnyRow]:
        """Every row of a read."""
        return await self.run(statement, parameters, lambda result: list(result.all()))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


async def request_reader(request: Request) -> Reader:
    """The part's read engine (an async dependency: FastAPI runs it without a thread)."""
    reader: Reader = request.app.state.reader
    return reader


ReaderDep = Annotated[Reader, Depends(request_reader)]
