"""The review's workload from `review.workload`: per group and per reviewer, for a period."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import envelope
from tests.publish.progress.conftest import API, HEALTH_EDITOR, LEADER, PLANNING, REVIEW


def concluded(case_id: int, group: str, at: str, *reviewers: tuple[str, int]) -> dict[str, Any]:
    return envelope("review.workload", {
        "case_id": case_id, "round": 1, "group": group, "implementation_code": f"C-{case_id}",
        "version": 1, "department": PLANNING, "decision": "approved",
        "concluded_at": f"{at}T10:00:00+08:00", "elements": 20, "characters": 3000,
        "reviewers": [{"reviewer": r, "name": r.upper(), "opinions": n, "elements": n}
                      for r, n in reviewers]}, source="review")


def test_groups_and_reviewers_count_standards_elements_and_characters(
        client: TestClient) -> None:
    for event in (concluded(1, "G1", "2026-06-02", ("lead", 0), ("g1r1", 3)),
                  concluded(2, "G1", "2026-06-20", ("lead", 0), ("g1r1", 2), ("g1r2", 1)),
                  concluded(3, "G2", "2026-07-01", ("lead2", 0)),
                  concluded(1, "G1", "2026-06-02", ("lead", 0))):  # the same round again
        assert client.post("/internal/events", headers=REVIEW, json=event).status_code == 200

    june = client.get(f"{API}/workload", params={"start": "2026-06-01", "end": "2026-06-30"},
                      headers=LEADER).json()

    assert june["groups"] == [{"group": "G1", "standards": 2, "rounds": 2, "elements": 40,
                               "characters": 6000, "opinions": 6}]
    people = {p["reviewer"]: p for p in june["reviewers"]}
    assert (people["g1r1"]["elements"], people["g1r1"]["characters"]) == (5, 6000)
    assert people["g1r2"]["standards"] == 1 and june["totals"]["characters"] == 6000
    assert client.get(f"{API}/workload", headers=HEALTH_EDITOR).status_code == 403
