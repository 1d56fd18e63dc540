"""Co-handling departments (并联审批) in the standard: each names its step and its days within
the committed limit; standards stored before that are still read."""

from fastapi.testclient import TestClient
from sqlalchemy import select

from catalog.models import MatterVersion
from catalog.versions.diff import standard_diff
from kit.db import Database
from tests.builders import EDITOR, MATTERS, PLANNING, standard

HOUSING = {"code": "11430100707230300G", "name": "住房和城乡建设局"}
ECOLOGY = {"code": "11430100707230500U", "name": "生态环境局"}


def test_each_co_handling_department_keeps_its_step_and_days(client: TestClient) -> None:
    rows = [HOUSING | {"step": "建设条件审查", "limit": 3}, ECOLOGY | {"step": None, "limit": None}]
    created = client.post(MATTERS, json=standard(co_handling_departments=rows), headers=EDITOR)
    assert created.status_code == 201, created.text
    stored = client.get(f"{MATTERS}/430103-01-9001/versions/1", headers=EDITOR).json()
    assert stored["standard"]["co_handling_departments"] == rows


def test_days_beyond_the_committed_limit_twice_listed_or_the_own_department_are_refused(
        client: TestClient) -> None:
    for rows, words in (
            ([HOUSING | {"limit": 6}], "exceeds the committed limit"),
            ([HOUSING, HOUSING], "listed twice"),
            ([{"code": PLANNING, "name": "自然资源和规划局"}], "implementing department")):
        refused = client.post(MATTERS, json=standard(co_handling_departments=rows),
                              headers=EDITOR)
        assert refused.status_code == 422, rows
        errors = refused.json()["errors"]
        assert any(e["loc"][-1] == "co_handling_departments" and words in e["msg"]
                   for e in errors), errors
    assert client.get(MATTERS, headers=EDITOR).json()["total"] == 0


def test_a_standard_stored_before_steps_and_days_is_read_and_edited(
        client: TestClient, db_url: str) -> None:
    assert client.post(MATTERS, json=standard(co_handling_departments=[HOUSING]),
                       headers=EDITOR).status_code == 201
    db = Database(db_url, "catalog")
    with db.session() as session:  # the shape stored before: code and name only
        row = session.scalars(select(MatterVersion)).one()
        row.standard = {**row.standard, "co_handling_departments": [dict(HOUSING)]}
    db.dispose()
    url = f"{MATTERS}/430103-01-9001/versions/1"
    read = client.get(url, headers=EDITOR)
    assert read.status_code == 200
    assert read.json()["standard"]["co_handling_departments"][0]["name"] == "住房和城乡建设局"


def test_a_changed_step_shows_in_the_diff() -> None:
    before = standard(co_handling_departments=[HOUSING])
    after = standard(co_handling_departments=[HOUSING | {"step": "建设条件审查", "limit": 2}])
    changed = standard_diff(before, after)["co_handling_departments"]["changed"]
    assert [c["key"] for c in changed] == ["11430100707230300G"]
    assert {f["field"] for f in changed[0]["fields"]} == {"step", "limit"}
