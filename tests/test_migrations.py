"""Every part's migrations: upgrade → check → downgrade → upgrade, on SQLite and PostgreSQL."""

import pytest

from kit import migrations
from tests.conftest import PARTS, require_postgres, scratch_postgres


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}"
    require_postgres()
    return scratch_postgres("migrations")


@pytest.mark.parametrize("part", PARTS)
def test_migrations_round_trip_and_match_the_models(part: str, empty_database: str) -> None:
    migrations.upgrade(part, empty_database)
    migrations.check(part, empty_database)  # raises when models and migrations disagree
    migrations.downgrade(part, empty_database)
    migrations.upgrade(part, empty_database)
    migrations.check(part, empty_database)
