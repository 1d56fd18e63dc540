"""The legal clock's ledger: started, paused by a special procedure, resumed, extended by the
department, with the due date recomputed on working days after each entry."""

from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient

from intake.clock import BUILT_IN
from intake.ledger import read
from intake.models import ClockEntry
from tests.intake.conftest import (
    API,
    APPLICANT,
    CLERK,
    HOUSING_APPROVER,
    OTHER_APPLICANT,
    PLANNING_APPROVER,
    filed,
    publish,
)

PROCEDURES = [{"name": "专家评审", "limit": 10, "legal_basis": []},
              {"name": "听证", "limit": 20, "legal_basis": []}]
EXTENSION = {"allowed": True, "max_days": 10, "legal_basis": []}


@pytest.fixture
def accepted(client: TestClient) -> str:
    """The URL of an accepted application of a matter with special procedures and extension."""
    publish(client, special_procedures=PROCEDURES, extension=EXTENSION)
    url = f"{API}/applications/{filed(client)}"
    assert client.post(f"{url}/accept", headers=CLERK).status_code == 200
    return url


def entry(kind: str, day: date, cause: str | None = None, days: int | None = None) -> ClockEntry:
    """A ledger row as stored."""
    return ClockEntry(application_id=1, kind=kind, day=day, at=datetime(2026, 12, 1),
                      actor="t", cause=cause, days=days)


def test_paused_days_are_not_counted_and_an_extension_lengthens_the_limit() -> None:
    started = [entry("started", date(2026, 12, 1))]
    plain = read(started, limit=5, unit="working_day", calendar=BUILT_IN, today=date(2026, 12, 3))
    assert (plain.due_date, plain.days_used, plain.days_left) == (date(2026, 12, 8), 2, 3)
    paused = [*started, entry("paused", date(2026, 12, 2), cause="专家评审"),
              entry("resumed", date(2026, 12, 4), cause="专家评审")]
    # 3 and 4 December are not counted: due two working days later.
    later = read(paused, limit=5, unit="working_day", calendar=BUILT_IN, today=date(2026, 12, 4))
    assert (later.due_date, later.days_used) == (date(2026, 12, 10), 1)
    extended = [*paused, entry("extended", date(2026, 12, 4), days=3)]
    longer = read(extended, limit=5, unit="working_day", calendar=BUILT_IN,
                  today=date(2026, 12, 4))
    assert (longer.due_date, longer.limit, longer.days_left) == (date(2026, 12, 15), 8, 7)
    still = read([*started, entry("paused", date(2026, 12, 2), cause="听证")], limit=5,
                 unit="working_day", calendar=BUILT_IN, today=date(2026, 12, 9))
    assert (still.due_date, still.paused, still.days_used) == (None, "听证", 1)


def test_staff_pause_and_resume_the_clock_for_a_special_procedure(
        client: TestClient, accepted: str) -> None:
    due = client.get(accepted, headers=APPLICANT).json()["due_date"]
    special = f"{accepted}/special-procedures"
    unknown = client.post(special, headers=CLERK, json={"procedure": "检验检测"})
    assert unknown.status_code == 422
    paused = client.post(special, headers=PLANNING_APPROVER,
                         json={"procedure": "专家评审", "note": "组织专家现场评审"})
    assert paused.status_code == 200, paused.text
    assert paused.json()["due_date"] is None and paused.json()["clock"]["paused"] == "专家评审"
    assert client.post(special, headers=CLERK, json={"procedure": "听证"}).status_code == 409
    resumed = client.post(f"{special}/end", headers=CLERK)
    assert resumed.status_code == 200
    assert resumed.json()["due_date"] == due
    assert client.post(f"{special}/end", headers=CLERK).status_code == 409
    seen = client.get(accepted, headers=APPLICANT).json()
    assert [(e["kind"], e["cause"]) for e in seen["ledger"]] == [
        ("received", None), ("started", None), ("paused", "专家评审"), ("resumed", "专家评审"),
        ("due", None)]
    assert seen["clock"]["special_procedures"] == ["专家评审", "听证"]
    assert seen["days_left"] == seen["clock"]["days_left"] is not None


def test_only_the_departments_staff_touch_the_clock(client: TestClient, accepted: str) -> None:
    special = f"{accepted}/special-procedures"
    for headers in (APPLICANT, OTHER_APPLICANT):
        assert client.post(special, headers=headers, json={"procedure": "听证"}).status_code == 403
        assert client.post(f"{special}/end", headers=headers).status_code == 403
    assert client.post(special, headers=HOUSING_APPROVER,
                       json={"procedure": "听证"}).status_code == 404
    extension = {"days": 3, "reason": "需补充现场核查"}
    for headers in (APPLICANT, CLERK):
        assert client.post(f"{accepted}/extension", headers=headers,
                           json=extension).status_code == 403
    assert client.post(f"{accepted}/extension", headers=HOUSING_APPROVER,
                       json=extension).status_code == 404


def test_the_departments_approver_extends_within_the_standards_limit(
        client: TestClient, accepted: str) -> None:
    extension = f"{accepted}/extension"
    assert client.post(extension, headers=PLANNING_APPROVER,
                       json={"days": 3, "reason": ""}).status_code == 422
    before = date.fromisoformat(client.get(accepted, headers=CLERK).json()["due_date"])
    longer = client.post(extension, headers=PLANNING_APPROVER,
                         json={"days": 3, "reason": "需补充现场核查"})
    assert longer.status_code == 200, longer.text
    assert date.fromisoformat(longer.json()["due_date"]) > before
    assert longer.json()["clock"]["extension_used"] == 3
    too_long = client.post(extension, headers=PLANNING_APPROVER,
                           json={"days": 8, "reason": "再延"})
    assert too_long.status_code == 422
    assert "at most 7" in too_long.text
    extended = [e for e in longer.json()["ledger"] if e["kind"] == "extended"]
    assert extended[0]["days"] == 3 and extended[0]["note"] == "需补充现场核查"


def test_a_matter_without_an_extension_cannot_be_extended(published: TestClient) -> None:
    url = f"{API}/applications/{filed(published)}"
    early = published.post(f"{url}/extension", headers=PLANNING_APPROVER,
                           json={"days": 1, "reason": "x"})
    assert early.status_code == 409  # not accepted yet
    published.post(f"{url}/accept", headers=CLERK)
    refused = published.post(f"{url}/extension", headers=PLANNING_APPROVER,
                             json={"days": 1, "reason": "x"})
    assert refused.status_code == 409
    assert "no extension" in refused.json()["detail"]


def test_the_public_ledger_names_no_one(client: TestClient, accepted: str) -> None:
    from intake import ledger
    from intake.models import Application

    with client.app.state.db.session() as session:  # type: ignore[attr-defined]
        application = session.get(Application, int(accepted.rsplit("/", 1)[1]))
        rows = ledger.public_entries(session=session, application=application)
    assert [r["kind"] for r in rows] == ["received", "started", "due"]
    assert all(set(r) == {"kind", "cause", "day", "days", "note", "due_date"} for r in rows)
