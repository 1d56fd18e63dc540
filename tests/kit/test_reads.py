"""The async read engine (kit.reads): one round trip per read — no pre-ping, no ROLLBACK — and
a read that outlives the database dropping its connections."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text

from kit.db import is_sqlite
from kit.reads import Reader
from tests.conftest import terminate_reads
from tests.kit.conftest import PART, inbox
from tests.loops import on_a_thread


def postgres_only(db_url: str) -> None:
    if is_sqlite(db_url):
        pytest.skip("PostgreSQL's connections and wire protocol")


def test_a_read_answers_on_both_databases(db_url: str) -> None:
    async def scenario() -> tuple[Any, list[Any], tuple[Any, list[Any]]]:
        reader = Reader(db_url, PART)
        try:
            return (await reader.first(select(text("1 + 1"))),
                    await reader.all(select(inbox.c.event_id)),
                    await reader.orm(lambda session: (
                        session.execute(select(text("2 + 2"))).scalar_one(),
                        session.execute(select(inbox.c.event_id)).all())))
        finally:
            await reader.dispose()

    first, rows, (orm_first, orm_rows) = on_a_thread(scenario())

    assert (first[0], rows) == (2, [])
    assert (orm_first, orm_rows) == (4, [])  # a read of several ORM queries on one connection


def test_a_read_is_one_round_trip_without_ping_or_rollback(db_url: str,
                                                           tmp_path: Path) -> None:
    postgres_only(db_url)
    trace = tmp_path / "wire.txt"
    traced: list[Any] = []

    async def scenario() -> None:
        reader = Reader(db_url, PART)
        try:
            await reader.first(select(text("1")))  # connected and the dialect initialised

            @event.listens_for(reader.engine.sync_engine, "checkout")
            def follow(dbapi_connection: Any, *_: Any) -> None:
                pgconn = dbapi_connection.driver_connection.pgconn
                if pgconn not in traced:
                    pgconn.trace(out.fileno())
                    traced.append(pgconn)

            with trace.open("w") as out:
                for _ in range(3):
                    assert await reader.first(select(inbox.c.event_id)) is None
                await reader.orm(lambda session: [session.execute(select(inbox.c.event_id)).all()
                                                  for _ in range(2)])
                for pgconn in traced:
                    pgconn.untrace()  # flushes
        finally:
            await reader.dispose()

    on_a_thread(scenario())
    wire = trace.read_text()

    assert wire.count("ReadyForQuery") == 5, wire  # one exchange per read, per ORM query
    assert "ROLLBACK" not in wire and "BEGIN" not in wire, wire


def test_a_read_survives_its_connections_being_dropped(db_url: str) -> None:
    postgres_only(db_url)

    async def scenario() -> tuple[int, Any]:
        reader = Reader(db_url, PART)
        try:
            await reader.first(select(text("1")))
            killed = await asyncio.to_thread(terminate_reads, db_url, PART)
            return killed, await reader.first(select(text("2")))
        finally:
            await reader.dispose()

    killed, after = on_a_thread(scenario())

    assert killed >= 1  # the pooled connection really was dropped
    assert after[0] == 2
