"""Column helpers: nullability said explicitly, timestamps read back aware in UTC on both
databases, and a naive datetime refused before it reaches either."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Column, insert
from sqlalchemy.exc import StatementError

from kit.audit import record
from kit.clock import CHINA
from kit.columns import json_column, timestamp
from kit.db import Database, UtcDateTime
from tests.kit.conftest import PART, audit, rows


@pytest.mark.parametrize("helper", [json_column, timestamp])
def test_each_column_helper_keeps_the_nullability_it_is_given(
        helper: Callable[..., Any]) -> None:
    for nullable in (True, False):
        column = helper(nullable=nullable).sa_column
        assert isinstance(column, Column)
        assert column.nullable is nullable
    assert isinstance(timestamp(nullable=False).sa_column.type, UtcDateTime)


def test_a_timestamp_reads_back_aware_in_utc(db_url: str) -> None:
    in_changsha = datetime(2026, 11, 26, 9, 30, tzinfo=CHINA)
    db = Database(db_url, PART)
    try:
        with db.session() as session:
            session.execute(insert(audit).values(
                at=in_changsha, actor="tester", action="window.opened", entity="window",
                entity_id="planning", prev_hash="", hash=""))
            record(session, audit, actor="tester", action="window.closed", entity="window",
                   entity_id="planning")
    finally:
        db.dispose()

    opened, closed = sorted(rows(db_url, audit), key=lambda r: r.id)
    assert opened.at == in_changsha and opened.at.utcoffset() == timedelta(0)
    assert closed.at.tzinfo is not None
    assert abs(closed.at - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_naive_timestamp_is_refused(db_url: str) -> None:
    db = Database(db_url, PART)
    try:
        with pytest.raises(StatementError, match="naive datetime"), db.session() as session:
            session.execute(insert(audit).values(
                at=datetime(2026, 11, 26, 9, 30), actor="tester", action="window.opened",
                entity="window", entity_id="planning", prev_hash="", hash=""))
    finally:
        db.dispose()
    assert rows(db_url, audit) == []
