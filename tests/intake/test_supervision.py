"""Electronic supervision: a running case's colour on fixed dates, warnings raised once by the
sweep and resolved (decided late, explained), who sees the lists, and the closed case sent to
publish."""

from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import col, select

from intake.clock import BUILT_IN
from intake.ledger import read
from intake.main import watch_once
from intake.models import Application, ClockEntry, outbox
from intake.supervision import service as supervision
from intake.supervision.colours import colour
from kit.clock import china_today
from tests.conftest import token
from tests.intake.conftest import (
    API,
    APPLICANT,
    CLERK,
    HOUSING_APPROVER,
    PLANNING_APPROVER,
    filed,
    publish,
)

SUPERVISOR = token("supervisor", sub="supervisor")
SUPERVISION = f"{API}/supervision"


def started(day: date) -> list[ClockEntry]:
    return [ClockEntry(application_id=1, kind="started", day=day, at=datetime(2026, 12, 1),
                       actor="t")]


def test_green_then_yellow_at_eighty_percent_then_red_after_the_due_date() -> None:
    rows = started(date(2026, 12, 1))  # a Tuesday; 5 working days: due Tuesday 8 December

    def on(day: date, share: float = 0.8) -> str | None:
        found = read(rows, limit=5, unit="working_day", calendar=BUILT_IN, today=day)
        return colour(found, today=day, share=share)

    assert on(date(2026, 12, 3)) == "green"  # 2 of 5 days
    assert on(date(2026, 12, 4)) == "green"  # 3 of 5 days: 60 %
    assert on(date(2026, 12, 7)) == "yellow"  # 4 of 5 days: 80 %
    assert on(date(2026, 12, 8)) == "yellow"  # the due day itself is still in time
    assert on(date(2026, 12, 9)) == "red"
    assert on(date(2026, 12, 7), share=0.9) == "green"  # the threshold is a setting


def test_a_paused_clock_is_never_red() -> None:
    rows = [*started(date(2026, 12, 1)),
            ClockEntry(application_id=1, kind="paused", day=date(2026, 12, 2), cause="听证",
                       at=datetime(2026, 12, 2), actor="t")]
    found = read(rows, limit=5, unit="working_day", calendar=BUILT_IN, today=date(2027, 1, 4))
    assert colour(found, today=date(2027, 1, 4)) == "green"


def accepted_case(client: TestClient, *, working_days_ago: int) -> int:
    """An accepted planning case whose clock started so many calendar days ago."""
    application_id = filed(client)
    assert client.post(f"{API}/applications/{application_id}/accept",
                       headers=CLERK).status_code == 200
    with client.app.state.db.session() as session:  # type: ignore[attr-defined]
        entry = session.execute(select(ClockEntry).where(
            col(ClockEntry.application_id) == application_id)).scalar_one()
        entry.day = china_today() - timedelta(days=working_days_ago)
        row = session.get(Application, application_id)
        row.due_date = entry.day + timedelta(days=7)
    return application_id


def test_the_sweep_records_each_warning_once_and_a_late_decision_resolves_it(
        client: TestClient) -> None:
    publish(client)  # committed limit: 5 working days
    late = accepted_case(client, working_days_ago=30)
    assert watch_once(client.app) == 1  # type: ignore[arg-type]
    assert watch_once(client.app) == 0  # type: ignore[arg-type]
    listed = client.get(f"{SUPERVISION}/cases", params={"colour": "red"}, headers=SUPERVISOR)
    assert [c["application_id"] for c in listed.json()] == [late]
    assert "applicant_name" not in listed.json()[0]
    warned = client.get(f"{SUPERVISION}/warnings", headers=SUPERVISOR).json()
    assert [(w["application_id"], w["level"], w["resolution"]) for w in warned] == [
        (late, "red", None)]
    assert client.post(f"{API}/applications/{late}/decision", headers=PLANNING_APPROVER,
                       json={"decision": "approved"}).status_code == 200
    case = client.get(f"{SUPERVISION}/cases/{late}", headers=SUPERVISOR).json()
    assert [w["resolution"] for w in case["warnings"]] == ["decided_late"]
    with client.app.state.db.session() as session:  # type: ignore[attr-defined]
        sent = session.execute(select(outbox.c.payload).where(
            outbox.c.type == "application.closed")).scalars().all()
    assert len(sent) == 1 and sent[0]["overdue"] is True and sent[0]["days_used"] > 5
    assert "applicant_name" not in sent[0] and sent[0]["outcome"] == "approved"


def test_the_sweep_goes_part_by_part_over_every_running_case(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A transaction per part of the running cases: every case is read, each warned once."""
    publish(client)
    monkeypatch.setattr(supervision, "BATCH", 2)
    late = [accepted_case(client, working_days_ago=30) for _ in range(5)]
    assert watch_once(client.app) == 5  # type: ignore[arg-type]
    assert watch_once(client.app) == 0  # type: ignore[arg-type]
    listed = client.get(f"{SUPERVISION}/cases", params={"colour": "red"}, headers=SUPERVISOR)
    assert sorted(c["application_id"] for c in listed.json()) == late


def test_a_supervisor_explains_an_open_warning_once(client: TestClient) -> None:
    publish(client)
    late = accepted_case(client, working_days_ago=30)
    watch_once(client.app)  # type: ignore[arg-type]
    warning = client.get(f"{SUPERVISION}/cases/{late}", headers=SUPERVISOR).json()["warnings"][0]
    url = f"{SUPERVISION}/warnings/{warning['id']}/explanation"
    note = {"note": "听证期间不计时，已核实。"}
    assert client.post(url, json=note, headers=PLANNING_APPROVER).status_code == 403
    explained = client.post(url, json=note, headers=SUPERVISOR)
    assert explained.status_code == 200 and explained.json()["resolution"] == "explained"
    assert client.post(url, json=note, headers=SUPERVISOR).status_code == 409


def test_applicants_and_clerks_are_refused_and_a_department_head_sees_only_its_own(
        client: TestClient) -> None:
    publish(client)
    late = accepted_case(client, working_days_ago=30)
    for who in (APPLICANT, CLERK):
        assert client.get(f"{SUPERVISION}/cases", headers=who).status_code == 403
        assert client.get(f"{SUPERVISION}/warnings", headers=who).status_code == 403
    own = client.get(f"{SUPERVISION}/cases", headers=PLANNING_APPROVER).json()
    assert [c["application_id"] for c in own] == [late]
    assert client.get(f"{SUPERVISION}/cases", headers=HOUSING_APPROVER).json() == []
    assert client.get(f"{SUPERVISION}/cases/{late}",
                      headers=HOUSING_APPROVER).status_code == 404


def test_the_case_and_the_queue_show_the_colour(client: TestClient) -> None:
    publish(client)
    late = accepted_case(client, working_days_ago=30)
    detail = client.get(f"{API}/applications/{late}", headers=CLERK).json()
    assert detail["clock"]["colour"] == "red"
    queue = client.get(f"{API}/applications", headers=CLERK).json()
    assert [a["colour"] for a in queue if a["id"] == late] == ["red"]
