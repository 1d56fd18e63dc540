"""The PostgreSQL side of backup and restore: `pg_dump` and `pg_restore` per schema.

The dumps of schemas in one database are taken from one exported snapshot, so they agree with
each other as the SQLite backup does. The connection's password goes in the environment, never
on the command line.
"""

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url


class ToolError(Exception):
    """pg_dump or pg_restore is missing or failed."""


def connection(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and the environment that carries it."""
    parsed = make_url(url).set(drivername="postgresql")
    env = {**os.environ}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(password=None).render_as_string(hide_password=False), env


def _run(tool: str, *args: str, env: dict[str, str]) -> None:
    path = shutil.which(tool)
    if path is None:
        raise ToolError(f"{tool} is not installed (apt-get install postgresql-client).")
    done = subprocess.run([path, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ToolError(f"{tool} failed ({done.returncode}): {done.stderr.strip()[:2000]}")


@contextmanager
def snapshot(dsn: str) -> Iterator[str]:
    """An exported snapshot of the database, held while the dumps read it."""
    with psycopg.connect(dsn, autocommit=False) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None
        yield str(row[0])


def extensions(dsn: str) -> list[str]:
    """The extensions installed in the database (schemas' indexes may need them)."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")
        return sorted(str(r[0]) for r in rows)


def dump(target: Path, urls: dict[str, str]) -> list[str]:
    """`pg_dump` each part's schema into `target/<part>.dump`; the extensions they need."""
    by_database: dict[str, list[str]] = {}
    for part, url in urls.items():
        by_database.setdefault(url, []).append(part)
    needed: set[str] = set()
    for url, parts in by_database.items():
        dsn, env = connection(url)
        needed.update(extensions(dsn))
        with snapshot(dsn) as taken:
            for part in parts:
                _run("pg_dump", "--format=custom", f"--schema={part}", "--no-owner",
                     f"--snapshot={taken}", f"--file={target / f'{part}.dump'}", dsn, env=env)
    return sorted(needed)


def restore(file: Path, url: str, part: str, needed: list[str]) -> None:
    """Replace the part's schema with the dump's."""
    dsn, env = connection(url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        for name in needed:
            conn.execute(f'CREATE EXTENSION IF NOT EXISTS "{name}"')
        conn.execute(f'DROP SCHEMA IF EXISTS "{part}" CASCADE')
    _run("pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
         f"--dbname={dsn}", str(file), env=env)
