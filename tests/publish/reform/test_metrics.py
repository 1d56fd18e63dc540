"""Reform metrics from the published versions publish keeps: committed days, steps,
materials, discretion benchmarks, visits and clauses, since a date, per department."""

from fastapi.testclient import TestClient

from tests.publish.conftest import (
    MARKET,
    VISITOR,
    Deliver,
    Publish,
    material,
    matter_document,
    published,
)

REFORM = "/api/publish/v1/reform"


def test_what_changed_between_the_version_in_force_then_and_now(
        client: TestClient, publish: Publish, deliver: Deliver) -> None:
    before = matter_document(version=1, committed=15, online=False,
                             published_at="2025-03-01T09:00:00+08:00",
                             materials=[material("申请表"), material("证明"), material("其他材料")])
    after = matter_document(version=2, committed=10, published_at="2026-11-20T09:00:00+08:00",
                            materials=[{**material("申请表"), "copies": 2}, material("证明")],
                            discretion_benchmarks=[{"circumstance": "情节轻微", "outcome": "减半"}])
    event = published(before)
    event["payload"]["lint"] = {"vague_clauses": 2, "catch_all_clauses": 1}
    assert deliver(event).status_code == 200
    later = published(after)
    later["payload"]["lint"] = {"vague_clauses": 0, "catch_all_clauses": 0}
    assert deliver(later).status_code == 200
    publish(matter_document("114301007072304006-XK-0001", department=MARKET,
                            published_at="2026-11-21T09:00:00+08:00"))
    body = client.get(REFORM, params={"since": "2025-06-01"}, headers=VISITOR).json()
    totals = body["totals"]
    assert (totals["committed_days_cut"], totals["materials_reduced"],
            totals["materials_standardized"], totals["discretion_benchmarks_added"]) == (
        5, 1, 1, 1)
    assert (totals["vague_clauses_fixed"], totals["catch_all_clauses_fixed"],
            totals["onsite_visits_cut"]) == (2, 1, 1)
    assert (totals["matters_changed"], totals["matters_added"]) == (1, 1)
    assert {d["name"] for d in body["departments"]} == {"自然资源和规划局", "市场监督管理局"}
    nothing = client.get(REFORM, params={"since": "2026-11-25"}, headers=VISITOR).json()
    assert nothing["totals"]["committed_days_cut"] == 0


def test_a_since_date_after_today_is_refused(client: TestClient) -> None:
    assert client.get(REFORM, params={"since": "2999-01-01"}, headers=VISITOR).status_code == 422
