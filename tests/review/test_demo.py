"""The demo loader and the migration tree."""

from fastapi.testclient import TestClient

from catalog.demo_data import DEPARTMENTS, MATTERS
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


def test_every_demo_matter_is_routed_by_a_rule_not_by_the_fallback(client: TestClient) -> None:
    routed = {}
    for name, matter_type, department, window, *_ in MATTERS:
        outcome = client.get("/api/review/v1/routing/preview", headers=token("admin"), params={
            "window": window, "department_code": DEPARTMENTS[department][0],
            "matter_type": matter_type}).json()
        routed[name] = (outcome["fallback"], outcome["group"])

    assert {name: how for name, how in routed.items() if how[0]} == {}
    assert {group for _, group in routed.values()} == {"G1", "G2", "G3"}
