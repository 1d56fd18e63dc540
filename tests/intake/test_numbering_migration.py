"""Applications filed before case numbers existed get theirs when intake migrates."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from kit import migrations
from kit.db import Database
from tests.conftest import require_postgres, scratch_postgres


@pytest.fixture(params=["sqlite", "postgres"])
def before_filing(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """An intake database at the revision before filing, with three applications in it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}"
    else:
        require_postgres()
        url = scratch_postgres("numbering")
    migrations.upgrade("intake", url, "0002_dead_letters")
    db = Database(url, "intake")
    filed = [datetime(2026, 11, 30, 1, tzinfo=UTC), datetime(2026, 11, 30, 17, tzinfo=UTC),
             datetime(2026, 11, 30, 18, tzinfo=UTC)]  # the last two on 1 December in China
    with db.session() as session:
        for i, at in enumerate(filed, start=1):
            session.execute(text(
                "INSERT INTO intake.application (id, implementation_code, version, "
                "department_code, state, applicant_sub, applicant_name, enterprise, "
                "submitted_at, updated_at) VALUES (:id, 'M', 1, 'D', 'submitted', 's', 'n', "
                ":enterprise, :at, :at)"),
                {"id": i, "at": at, "enterprise": "914301035T4L8D200D" if i == 3 else None})
    db.dispose()
    return url


def test_existing_applications_are_numbered_by_day_and_the_counter_goes_on(
        before_filing: str) -> None:
    migrations.upgrade("intake", before_filing)
    db = Database(before_filing, "intake")
    with db.session(write=False) as session:
        rows = session.execute(text(
            "SELECT case_number, query_code, applicant_kind FROM intake.application "
            "ORDER BY id")).all()
        counters = session.execute(text(
            "SELECT day, last FROM intake.case_counter ORDER BY day")).all()
    db.dispose()
    assert [r[0] for r in rows] == ["430103-20261130-00001", "430103-20261201-00001",
                                    "430103-20261201-00002"]
    assert all(len(r[1]) == 6 for r in rows) and len({r[1] for r in rows}) == 3
    assert [r[2] for r in rows] == ["person", "person", "enterprise"]
    assert [(str(d), n) for d, n in counters] == [("2026-11-30", 1), ("2026-12-01", 2)]
