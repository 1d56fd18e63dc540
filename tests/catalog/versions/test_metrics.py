"""Reform metrics against hand-computed expectations on crafted version histories.

Since 2025-06-01 (in force at the end of that day, Asia/Shanghai):
- A (planning): v1 (2025-03-01) → v2 (2025-09-01): committed 12 → 5 (7 days), steps 5 → 3
  (2), materials 4 → 3 (1; the catch-all 其他相关材料 gone), 申请表 now electronic
  (standardized; 批准文件 only moved: not), condition 相关证明 made precise (1 vague),
  benchmarks 0 → 2, visits 2 → 0.
- B (planning): v2 went live on 2025-06-01 itself, so it is the one in force on `since`:
  committed 8 → 9 (no cut), materials 2 → 1 (1), benchmark 1 → 0 (none added), visits 1 → 0.
- C (market): committed 20 → 15 (5), steps 4 → 3 (1).
- D (planning): first published 2025-10-01: counts only in matters_added.
- E (market): withdrawn on 2025-08-01: matters_withdrawn. F (planning): unchanged since 2025-02.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from catalog.lint.phrases import seed_default_phrases
from catalog.matters.repository import keep_latest
from catalog.models import Matter, MatterVersion
from kit.clock import china_today
from kit.db import Database
from tests.builders import EDITOR, MARKET, PLANNING, material, standard
from tests.conftest import token

METRICS = "/api/catalog/v1/reform-metrics"
SUPERVISOR = token("supervisor", sub="supervisor")


def at(day: str, hour: int = 2) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def steps(n: int) -> list[dict[str, Any]]:
    return [{"name": f"环节{i + 1}", "actor": "规划科", "limit": 1} for i in range(n)]


def benchmarks(n: int) -> list[dict[str, str]]:
    return [{"circumstance": f"情形{i + 1}", "standard": f"{i + 1}个工作日内作出决定"}
            for i in range(n)]


def version(*, committed: int, n_steps: int = 3, materials: list[dict[str, Any]] | None = None,
            n_benchmarks: int = 0, visits: int = 0, conditions: list[str] | None = None,
            department: str = PLANNING) -> dict[str, Any]:
    """A standard with the counts the metrics read."""
    names = {PLANNING: "自然资源和规划局", MARKET: "市场监督管理局"}
    return standard(
        committed_limit=committed, statutory_limit=20, steps=steps(n_steps),
        materials=materials or [material("申请表")], discretion_benchmarks=benchmarks(n_benchmarks),
        channels={"online": True, "online_depth": 3, "onsite_visits": visits,
                  "onsite_reason": "核验原件" if visits else None},
        conditions=conditions or ["已取得建设项目批准文件"],
        department={"code": department, "name": names[department]})


A_BEFORE = version(committed=12, n_steps=5, visits=2, conditions=["申请人应提交相关证明"],
                   materials=[material("申请表"), material("批准文件"), material("出让合同"),
                              material("其他相关材料")])
A_AFTER = version(committed=5, n_steps=3, n_benchmarks=2,
                  materials=[material("申请表", form="electronic"), material("出让合同"),
                             material("批准文件")])
HISTORIES: list[tuple[str, str, list[tuple[dict[str, Any], datetime]], datetime | None]] = [
    ("A", PLANNING, [(A_BEFORE, at("2025-03-01")), (A_AFTER, at("2025-09-01"))], None),
    ("B", PLANNING, [(version(committed=10, visits=1, n_benchmarks=1,
                              materials=[material("申请表"), material("身份证明")]),
                      at("2025-01-10")),
                     (version(committed=8, visits=1, n_benchmarks=1,
                              materials=[material("申请表"), material("身份证明")]),
                      at("2025-06-01")),
                     (version(committed=9, n_steps=4), at("2026-02-01"))], None),
    ("C", MARKET, [(version(committed=20, n_steps=4, department=MARKET), at("2025-04-01")),
                   (version(committed=15, n_steps=3, department=MARKET), at("2026-03-01"))],
     None),
    ("D", PLANNING, [(version(committed=1, n_steps=9, n_benchmarks=5), at("2025-10-01"))], None),
    ("E", MARKET, [(version(committed=7, department=MARKET), at("2025-01-01"))],
     at("2025-08-01")),
    ("F", PLANNING, [(version(committed=6), at("2025-02-01"))], None),
]
ZONE = {"matters_compared": 4, "matters_changed": 3, "matters_added": 1, "matters_withdrawn": 1,
        "committed_days_cut": 12, "steps_simplified": 3, "materials_reduced": 2,
        "materials_standardized": 1, "vague_clauses_fixed": 1, "catch_all_clauses_fixed": 1,
        "discretion_benchmarks_added": 2, "onsite_visits_cut": 3}
PLANNING_ONLY = {**ZONE, "matters_compared": 3, "matters_changed": 2, "matters_withdrawn": 0,
                 "committed_days_cut": 7, "steps_simplified": 2}
MARKET_ONLY = {**dict.fromkeys(ZONE, 0), "matters_compared": 1, "matters_changed": 1,
               "matters_withdrawn": 1, "committed_days_cut": 5, "steps_simplified": 1}


def seed_phrases(db_url: str) -> None:
    """The default phrase lists, which the metrics count clauses with."""
    db = Database(db_url, "catalog")
    with db.session() as s:
        seed_default_phrases(session=s)
    db.dispose()


def load_histories(db_url: str) -> None:
    """Write the crafted histories as the catalog keeps them (the last one in force)."""
    seed_phrases(db_url)
    db = Database(db_url, "catalog")
    with db.session() as s:
        for name, department, versions, cancelled_at in HISTORIES:
            code = f"430103-01-90{ord(name):02d}"
            matter = Matter(implementation_code=code, basic_code=f"XK{ord(name):08d}",
                            name=f"事项{name}", department_code=department,
                            created_at=at("2025-01-01", 0), cancelled_at=cancelled_at,
                            current_version=len(versions))
            s.add(matter)
            s.flush()
            for number, (std, published_at) in enumerate(versions, start=1):
                live = number == len(versions)
                row = MatterVersion(
                    matter_id=matter.id, version=number, standard={**std,
                                                                   "implementation_code": code},
                    state=("cancelled" if cancelled_at else "published") if live
                    else "superseded", effective_from=published_at.date(),
                    published_at=published_at, updated_at=published_at, updated_by="test")
                s.add(row)
                keep_latest(matter=matter, row=row)
        # a version waiting for its date and a draft never count
        s.add(MatterVersion(matter_id=matter.id, version=2, standard=version(committed=0),
                            state="scheduled", effective_from=china_today() + timedelta(days=9),
                            updated_at=at("2025-01-01"), updated_by="test"))
    db.dispose()


@pytest.fixture
def client(client: TestClient, db_url: str) -> TestClient:
    """The catalog with the crafted histories."""
    load_histories(db_url)
    return client


def counts(body: dict[str, Any]) -> dict[str, int]:
    return {k: body[k] for k in ZONE}


def test_the_zone_and_each_department_since_a_date(client: TestClient) -> None:
    response = client.get(METRICS, params={"since": "2025-06-01"}, headers=SUPERVISOR)
    assert response.status_code == 200, response.text
    body = response.json()
    assert counts(body["totals"]) == ZONE
    by_code = {d["code"]: d for d in body["departments"]}
    assert counts(by_code[PLANNING]) == PLANNING_ONLY
    assert by_code[PLANNING]["name"] == "自然资源和规划局"
    assert counts(by_code[MARKET]) == MARKET_ONLY
    assert len(by_code) == 7  # every department, those without changes at zero


def test_a_department_filter_keeps_only_its_matters(client: TestClient) -> None:
    body = client.get(METRICS, params={"since": "2025-06-01", "department": MARKET},
                      headers=EDITOR).json()
    assert body["department"] == MARKET
    assert counts(body["totals"]) == MARKET_ONLY
    assert [d["code"] for d in body["departments"]] == [MARKET]


def test_until_ends_the_period_and_an_earlier_since_sees_more(client: TestClient) -> None:
    until = client.get(METRICS, params={"since": "2025-06-01", "until": "2025-12-31"},
                       headers=SUPERVISOR).json()["totals"]
    # only A changed by the end of 2025; B and C changed in 2026
    assert until["committed_days_cut"] == 7 and until["matters_changed"] == 1
    assert until["matters_added"] == 1 and until["matters_withdrawn"] == 1
    # since the end of 2025-05-31, B's version of 2025-06-01 is a change: 10 → 9 cuts 1 day
    earlier = client.get(METRICS, params={"since": "2025-05-31"}, headers=SUPERVISOR).json()
    assert earlier["totals"]["committed_days_cut"] == 13
    today = client.get(METRICS, params={"since": china_today().isoformat()},
                       headers=SUPERVISOR).json()["totals"]
    assert today["matters_compared"] == 5 and today["committed_days_cut"] == 0


@pytest.mark.parametrize("params", [{"since": "2025-13-01"}, {"since": "yesterday"}, {},
                                    {"since": "2025-06-01", "until": "2025-05-01"},
                                    {"since": "2999-01-01"}])
def test_bad_dates_are_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get(METRICS, params=params, headers=SUPERVISOR)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_unknown_department_and_roles(client: TestClient) -> None:
    assert client.get(METRICS, params={"since": "2025-06-01", "department": "NOPE"},
                      headers=SUPERVISOR).status_code == 404
    assert client.get(METRICS, params={"since": "2025-06-01"},
                      headers=token("applicant", sub="zhang")).status_code == 403
    assert client.get(METRICS, params={"since": "2025-06-01"}).status_code == 401


def test_the_demo_zone_has_a_history_worth_reporting(demo_client: TestClient,
                                                     db_url: str) -> None:
    seed_phrases(db_url)
    totals = demo_client.get(METRICS, params={"since": "2025-06-01"}, headers=SUPERVISOR).json()
    assert {k: v for k, v in totals["totals"].items() if k != "matters_added"} == {
        "matters_compared": 9, "matters_changed": 9, "matters_withdrawn": 0,
        "committed_days_cut": 53, "steps_simplified": 15, "materials_reduced": 9,
        "materials_standardized": 9, "vague_clauses_fixed": 3, "catch_all_clauses_fixed": 4,
        "discretion_benchmarks_added": 9, "onsite_visits_cut": 13}
