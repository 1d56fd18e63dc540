"""Every part's migrations: upgrade → check → downgrade → upgrade, on SQLite and PostgreSQL."""

import os

import psycopg
import pytest
from sqlalchemy.engine import make_url

from kit import migrations
from tests.conftest import PARTS, POSTGRES_URL, postgres_reachable, reset_postgres


def scratch_postgres() -> str:
    """A database of its own beside the test database, so dropping schemas disturbs no one."""
    url = make_url(POSTGRES_URL)
    name = f"{url.database}_migrations"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    scratch = url.set(database=name).render_as_string(hide_password=False)
    reset_postgres(scratch)
    return scratch


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}"
    why = postgres_reachable(POSTGRES_URL)
    if why:
        if os.environ.get("ONEWINDOW_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but unreachable: {why}")
        pytest.skip(f"PostgreSQL unreachable: {why}")
    return scratch_postgres()


@pytest.mark.parametrize("part", PARTS)
def test_migrations_round_trip_and_match_the_models(part: str, empty_database: str) -> None:
    migrations.upgrade(part, empty_database)
    migrations.check(part, empty_database)  # raises when models and migrations disagree
    migrations.downgrade(part, empty_database)
    migrations.upgrade(part, empty_database)
    migrations.check(part, empty_database)
