"""The holiday table is data an administrator keeps per year: a year it lacks leaves the due
date unknown (never a silent Monday–Friday) and is listed as needed; adding it recomputes
the open cases."""

from datetime import date

from fastapi.testclient import TestClient

from intake.models import audit
from tests.conftest import audit_actions, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    CLERK,
    PLANNING_APPROVER,
    filed,
    publish,
)

ADMIN = token("admin", sub="admin-sun")
PROVISIONAL_2027 = {"holidays": ["2027-01-01", "2027-05-01", "2027-05-02", "2027-10-01",
                                 "2027-10-02", "2027-10-03"], "workdays": [], "provisional": True}


def test_the_table_holds_the_years_chinese_calendar_covers(client: TestClient) -> None:
    table = client.get(f"{API}/holidays", headers=ADMIN)
    assert table.status_code == 200
    years = {y["year"]: y for y in table.json()["years"]}
    assert 2026 in years and 2027 not in years
    assert years[2026]["source"] == "chinese_calendar" and not years[2026]["provisional"]
    one = client.get(f"{API}/holidays/2026", headers=ADMIN).json()
    assert "2026-10-01" in one["holidays"] and "2026-10-10" in one["workdays"]
    assert client.get(f"{API}/holidays/2027", headers=ADMIN).status_code == 404


def test_only_an_administrator_reads_or_changes_the_table(client: TestClient) -> None:
    for headers in (APPLICANT, CLERK, PLANNING_APPROVER, token("supervisor")):
        assert client.get(f"{API}/holidays", headers=headers).status_code == 403
        assert client.get(f"{API}/holidays/2026", headers=headers).status_code == 403
        assert client.put(f"{API}/holidays/2027", headers=headers,
                          json=PROVISIONAL_2027).status_code == 403
    assert client.get(f"{API}/holidays").status_code == 401


def test_wrong_dates_are_refused(client: TestClient) -> None:
    url = f"{API}/holidays/2027"
    wrong_year = client.put(url, headers=ADMIN, json={"holidays": ["2026-12-31"]})
    assert wrong_year.status_code == 422 and "not in 2027" in wrong_year.text
    weekday = client.put(url, headers=ADMIN,
                         json={"holidays": [], "workdays": ["2027-02-03"]})  # a Wednesday
    assert weekday.status_code == 422
    both = client.put(url, headers=ADMIN,
                      json={"holidays": ["2027-02-06"], "workdays": ["2027-02-06"]})
    assert both.status_code == 422
    assert client.put(url, headers=ADMIN, json={"holidays": ["nope"]}).status_code == 422
    assert client.put(f"{API}/holidays/1999", headers=ADMIN, json=PROVISIONAL_2027).status_code \
        == 422


def test_a_due_date_in_a_year_without_a_table_stays_unknown_until_it_is_added(
        client: TestClient, db_url: str) -> None:
    publish(client, committed_limit=40)  # 40 working days from December reach 2027
    url = f"{API}/applications/{filed(client)}"
    accepted = client.post(f"{url}/accept", headers=CLERK).json()
    assert accepted["state"] == "accepted"
    assert accepted["due_date"] is None and accepted["clock"]["missing_year"] == 2027
    assert client.get(f"{API}/holidays", headers=ADMIN).json()["needed"] == [2027]

    put = client.put(f"{API}/holidays/2027", headers=ADMIN, json=PROVISIONAL_2027)
    assert put.status_code == 200, put.text
    assert put.json()["needed"] == [] and put.json()["recomputed"] == 1
    listed = {y["year"]: y for y in put.json()["years"]}
    assert listed[2027]["provisional"] and listed[2027]["source"] == "admin"
    due = date.fromisoformat(client.get(url, headers=APPLICANT).json()["due_date"])
    assert due.year == 2027 and due.weekday() < 5
    assert "holidays.put" in audit_actions(db_url, audit, entity="holiday_year",
                                           entity_id="2027")

    # New Year's Day 2027 (a Friday) is off by the table: a table with it a working day moves
    # the due date one working day earlier.
    worked = client.put(f"{API}/holidays/2027", headers=ADMIN,
                        json=PROVISIONAL_2027 | {"holidays": ["2027-05-01"]})
    assert worked.json()["recomputed"] == 1
    earlier = date.fromisoformat(client.get(url, headers=APPLICANT).json()["due_date"])
    assert earlier < due
