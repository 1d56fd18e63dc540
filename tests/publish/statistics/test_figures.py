"""Handling times and satisfaction from intake's events: P50/P90 on known data, the overdue
share, ratings, per matter, department and month, the page's bundle and its CSV tables."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from publish.statistics.service import percentile
from tests.conftest import envelope, token
from tests.publish.conftest import MARKET, PLANNING, VISITOR, Publish, matter_document

INTAKE = token("service", sub="service:intake")
STATS = "/api/publish/v1/statistics"


def closed(case_id: int, days: int, *, department: dict[str, str] = PLANNING,
           code: str = "11430100707230200T-XK-0001", decided: str = "2026-10-15",
           committed: int = 10, overdue: bool = False) -> dict[str, Any]:
    return envelope("application.closed", {
        "case_id": case_id, "implementation_code": code, "matter_name": "建设工程规划许可证核发",
        "department": department, "window": "planning", "channel": "online",
        "filed_on": "2026-10-01", "accepted_on": "2026-10-01", "decided_on": decided,
        "days_used": days, "committed_limit": committed, "statutory_limit": 20,
        "limit_unit": "working_day", "overdue": overdue, "outcome": "approved"},
        source="intake")


def rated(rating_id: int, score: int, department: dict[str, str] = PLANNING) -> dict[str, Any]:
    return envelope("application.rated", {
        "rating_id": rating_id, "implementation_code": "11430100707230200T-XK-0001",
        "matter_name": "建设工程规划许可证核发", "department": department, "score": score,
        "rated_on": "2026-10-20"}, source="intake")


def send(client: TestClient, *events: dict[str, Any]) -> None:
    for event in events:
        answer = client.post("/internal/events", json=event, headers=INTAKE)
        assert answer.status_code == 200, answer.text


def test_nearest_rank_percentiles() -> None:
    assert percentile([], 0.5) is None
    assert percentile([7], 0.9) == 7
    assert percentile(range(1, 11), 0.5) == 5
    assert percentile(range(1, 11), 0.9) == 9
    assert percentile([3, 1, 2, 4], 0.5) == 2


def test_handling_times_overdue_share_and_ratings_per_matter_and_department(
        client: TestClient) -> None:
    # Ten planning cases of 1…10 days, two late; one market case; three ratings.
    send(client, *(closed(n, n, overdue=n > 8) for n in range(1, 11)),
         closed(11, 3, department=MARKET, code="114301007072304006-XK-0001", committed=5),
         rated(1, 5), rated(2, 4), rated(3, 2, MARKET))
    send(client, closed(1, 1))  # delivered again under another event id: kept once
    found = client.get(f"{STATS}/figures", headers=VISITOR,
                       params={"start": "2026-10-01", "end": "2026-10-31"}).json()
    assert found["totals"]["closed"] == 11
    planning = next(d for d in found["departments"] if d["code"] == PLANNING["code"])
    assert (planning["closed"], planning["p50_days"], planning["p90_days"]) == (10, 5, 9)
    assert (planning["overdue_share"], planning["ratings"], planning["average_score"]) == (
        0.2, 2, 4.5)
    market = next(d for d in found["departments"] if d["code"] == MARKET["code"])
    assert (market["p50_days"], market["satisfied_share"]) == (3, 0.0)
    assert [m["month"] for m in found["months"]] == ["2026-10"]
    outside = client.get(f"{STATS}/figures", headers=VISITOR,
                         params={"start": "2026-11-01", "end": "2026-11-30"}).json()
    assert outside["totals"]["closed"] == 0 and outside["totals"]["p50_days"] is None


def test_a_period_ending_before_it_starts_is_refused(client: TestClient) -> None:
    answer = client.get(f"{STATS}/figures", headers=VISITOR,
                        params={"start": "2026-11-01", "end": "2026-10-01"})
    assert answer.status_code == 422


@pytest.mark.parametrize("table", ["departments", "handling", "monthly", "satisfaction",
                                   "reform"])
def test_each_table_downloads_as_csv(client: TestClient, publish: Publish, table: str) -> None:
    publish(matter_document())
    send(client, closed(1, 4, decided=date.today().isoformat()), rated(1, 5))
    answer = client.get(f"{STATS}/{table}.csv", headers=VISITOR,
                        params={"since": "2026-01-01"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert f"statistics-{table}.csv" in answer.headers["content-disposition"]
    lines = answer.text.lstrip("\ufeff").splitlines()
    assert len(lines) >= 2


def test_the_page_bundle_counts_matters_online_and_zero_visits(client: TestClient,
                                                               publish: Publish) -> None:
    publish(matter_document(), matter_document("114301007072304006-XK-0002", name="食品经营许可",
                                               department=MARKET, online=False))
    body = client.get(f"{STATS}/public", headers=VISITOR).json()
    catalogue = body["catalogue"]
    assert (catalogue["matters"], catalogue["online_share"],
            catalogue["zero_visit_share"]) == (2, 0.5, 0.5)
    assert {d["code"]: d["types"] for d in catalogue["departments"]} == {
        PLANNING["code"]: {"01": 1}, MARKET["code"]: {"01": 1}}
