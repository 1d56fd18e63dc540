"""Scratch PostgreSQL databases beside the test database, created empty and dropped after."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy.engine import make_url

POSTGRES = os.environ.get("ONEWINDOW_TEST_POSTGRES_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def driver_dsn(url: str) -> str:
    """The libpq form of a SQLAlchemy URL (for psycopg itself)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _admin() -> str:
    return driver_dsn(make_url(POSTGRES).set(database="postgres").render_as_string(False))


def drop(name: str) -> None:
    """Drop one scratch database, whoever is still connected to it."""
    with psycopg.connect(_admin(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(suffix: str, keep: bool = False) -> Iterator[str]:
    """A new empty database `<test database>_<suffix>`; its SQLAlchemy URL. Dropped on
    leaving unless `keep`."""
    url = make_url(POSTGRES)
    name = f"{url.database}_{suffix}"
    drop(name)
    with psycopg.connect(_admin(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            drop(name)
