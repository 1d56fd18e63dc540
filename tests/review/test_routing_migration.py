"""A zone routed one window per group keeps its routing when review migrates to ordered rules,
and gets it back on the way down."""

import pytest
from sqlalchemy import text

from kit import migrations
from kit.db import Database
from tests.conftest import require_postgres, scratch_postgres

BEFORE = "0002_dead_letters"


@pytest.fixture(params=["sqlite", "postgres"])
def window_rules(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """A review database before ordered routing: G1 and G2, three window rules."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}"
    else:
        require_postgres()
        url = scratch_postgres("routing")
    migrations.upgrade("review", url, BEFORE)
    db = Database(url, "review")
    with db.session() as session:
        session.execute(text("INSERT INTO review.review_group (code, name) VALUES "
                             "('G1', '一组'), ('G2', '二组')"))
        session.execute(text("INSERT INTO review.routing_rule (\"window\", group_code) VALUES "
                             "('social', 'G2'), ('planning', 'G1'), ('industry', 'G2')"))
    db.dispose()
    return url


def read(url: str, sql: str) -> list[tuple[object, ...]]:
    db = Database(url, "review")
    with db.session(write=False) as session:
        rows = [tuple(r) for r in session.execute(text(sql)).all()]
    db.dispose()
    return rows


def test_window_rules_become_ordered_rules_and_g1_the_default(window_rules: str) -> None:
    migrations.upgrade("review", window_rules)

    assert read(window_rules, "SELECT position, \"window\", department_code, matter_type, "
                              "group_code FROM review.routing_rule ORDER BY position") == [
        (1, "industry", None, None, "G2"), (2, "planning", None, None, "G1"),
        (3, "social", None, None, "G2")]
    assert read(window_rules, "SELECT code FROM review.review_group WHERE is_default") == [
        ("G1",)]

    migrations.downgrade("review", window_rules, BEFORE)

    assert sorted(read(window_rules, "SELECT \"window\", group_code "
                                     "FROM review.routing_rule")) == [
        ("industry", "G2"), ("planning", "G1"), ("social", "G2")]
