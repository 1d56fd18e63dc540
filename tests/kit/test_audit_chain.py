"""The tamper-evident audit trail: each entry carries its predecessor's hash, `python -m gateway
audit-verify` names the first entry changed or missing, concurrent writers keep the chain whole,
and on PostgreSQL the services' runtime role may not rewrite the trail."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.engine import make_url

from kit import migrations
from kit.audit import GENESIS, prune, record, verify
from kit.db import Database, is_sqlite
from tests.conftest import ROOT, scratch_postgres, truncate_all
from tests.kit.conftest import PART, Settings, audit, rows


def write(db_url: str, n: int, actor: str = "tester") -> None:
    """`n` audit entries, each in a transaction of its own."""
    db = Database(db_url, PART)
    try:
        for i in range(n):
            with db.session() as session:
                record(session, audit, actor=actor, action="window.opened", entity="window",
                       entity_id=f"w{i}", after={"n": i, "名称": "规划建设窗口"})
    finally:
        db.dispose()


def audit_verify(db_url: str) -> subprocess.CompletedProcess[str]:
    """`python -m gateway audit-verify` on the test database, as an operator runs it."""
    return subprocess.run([sys.executable, "-m", "gateway", "audit-verify"], cwd=ROOT,
                          env={**os.environ, "ONEWINDOW_DATABASE_URL": db_url},
                          capture_output=True, text=True, timeout=120)


def tamper(db_url: str, statement: str) -> None:
    db = Database(db_url, PART)
    with db.session() as session:
        session.execute(text(statement))
    db.dispose()


def test_each_entry_carries_the_hash_of_the_one_before(db_url: str) -> None:
    write(db_url, 3)
    entries = sorted(rows(db_url, audit), key=lambda r: r.id)
    assert entries[0].prev_hash == GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    checked = audit_verify(db_url)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{PART}.audit_entry: 3 entries, the chain holds" in checked.stdout


def test_a_changed_entry_is_named_and_the_check_fails(db_url: str) -> None:
    write(db_url, 4)
    second = sorted(r.id for r in rows(db_url, audit))[1]
    tamper(db_url, f"UPDATE {PART}.audit_entry SET actor = 'someone-else' WHERE id = {second}")
    checked = audit_verify(db_url)
    assert checked.returncode == 1
    assert f"{PART}.audit_entry: entry {second} is broken" in checked.stdout


def test_a_removed_entry_is_noticed_at_the_one_after_it(db_url: str) -> None:
    write(db_url, 4)
    ids = sorted(r.id for r in rows(db_url, audit))
    tamper(db_url, f"DELETE FROM {PART}.audit_entry WHERE id = {ids[1]}")
    checked = audit_verify(db_url)
    assert checked.returncode == 1
    assert f"entry {ids[2]} is broken: the entry before it is missing" in checked.stdout


def test_concurrent_writers_keep_the_chain_whole(db_url: str) -> None:
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: write(db_url, 10, actor=f"writer-{i}"), range(8)))
    db = Database(db_url, PART)
    with db.session(write=False) as session:
        assert verify(session, audit) == (80, None)
    db.dispose()


def test_a_rolled_back_transaction_leaves_no_entry(db_url: str) -> None:
    db = Database(db_url, PART)
    with pytest.raises(RuntimeError), db.session() as session:
        record(session, audit, actor="tester", action="x", entity="y", entity_id="1")
        raise RuntimeError("refused")
    db.dispose()
    assert rows(db_url, audit) == []


def test_the_migration_chains_the_entries_written_before_it(
        tmp_path: Path, database_url: str) -> None:
    url = (f"sqlite:///{tmp_path}" if is_sqlite(database_url)
           else scratch_postgres("audit_chain"))
    migrations.upgrade(PART, url, "0001")
    db = Database(url, PART)
    with db.session() as session:
        for i in range(3):
            session.execute(text(
                f"INSERT INTO {PART}.audit_entry (at, actor, action, entity, entity_id, after) "
                "VALUES (CURRENT_TIMESTAMP, 'old', 'guide.published', 'matter', :i, :after)"),
                {"i": str(i), "after": '{"version": 1}'})
    migrations.upgrade(PART, url)
    with db.session(write=False) as session:
        assert verify(session, audit) == (3, None)
    db.dispose()


def test_the_runtime_role_may_insert_and_read_the_trail_but_not_rewrite_it(
        database_url: str) -> None:
    if is_sqlite(database_url):
        pytest.skip("roles are PostgreSQL's")
    owner = make_url(database_url)
    role = f"{owner.database}_runtime"
    migrations.grant_runtime(PART, database_url, role, password="runtime-test")
    runtime = owner.set(username=role, password="runtime-test")
    truncate_all(database_url)
    write(runtime.render_as_string(hide_password=False), 2)  # the services' way: allowed
    dsn = runtime.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        assert conn.execute(f"SELECT count(*) FROM {PART}.audit_entry").fetchone() == (2,)
        for statement in (f"UPDATE {PART}.audit_entry SET actor = 'someone-else'",
                          f"DELETE FROM {PART}.audit_entry", f"TRUNCATE {PART}.audit_entry"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)
        conn.execute(f"DELETE FROM {PART}.inbox_event")  # the part's other tables: as before
    assert len(rows(database_url, audit)) == 2


def test_retention_removes_old_entries_and_the_rest_still_proves_itself(db_url: str) -> None:
    write(db_url, 2, actor="long-ago")
    cutoff = max(r.at for r in rows(db_url, audit)) + timedelta(microseconds=1)
    write(db_url, 2, actor="recent")
    db = Database(db_url, PART)
    with db.session() as session:
        assert prune(session, audit, before=cutoff, actor="retention") == 2
    with db.session(write=False) as session:
        assert verify(session, audit) == (3, None)
    db.dispose()
    assert [r.actor for r in sorted(rows(db_url, audit), key=lambda r: r.id)] == [
        "recent", "recent", "retention"]
    checked = audit_verify(db_url)
    assert checked.returncode == 0, checked.stdout


def test_a_retention_below_180_days_is_refused() -> None:
    with pytest.raises(ValidationError, match="180"):
        Settings(database_url="sqlite:///var", audit_retention_days=179)
    assert Settings(database_url="sqlite:///var").audit_retention_days == 180
