"""The demo loader and the migration tree."""

from fastapi.testclient import TestClient

from kit import migrations
from kit.db import Database
from review import demo
from tests.conftest import token


def test_loading_the_demo_twice_changes_nothing(client: TestClient, db_url: str) -> None:
    before = client.get("/api/review/v1/groups", headers=token("admin")).json()

    db = Database(db_url, "review")
    with db.session() as session:
        demo.load(session)
    db.dispose()

    assert client.get("/api/review/v1/groups", headers=token("admin")).json() == before
    assert sum(len(g["windows"]) for g in before) == 5


def test_the_migrations_match_the_models(db_url: str) -> None:
    migrations.check("review", db_url)  # raises when autogenerate would find a difference
