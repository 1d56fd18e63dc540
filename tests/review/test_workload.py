"""A concluded round tells publish the review's workload (`review.workload`): the standard's
elements and characters, and each reviewer's opinions and elements, the lead included."""

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.review.conftest import emitted, lead, reviewer
from tests.review.test_routes import API, LIMIT_OPINION, MATERIAL_OPINION


def test_a_concluded_round_tells_publish_its_workload(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    before = len(emitted(db_url, "review.workload"))  # the demo's year, told at load
    case_id = open_case()
    client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer(), json=MATERIAL_OPINION)
    client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer(), json=LIMIT_OPINION)
    client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                json={"decision": "returned", "summary": "请逐条答复后重新提交。"})

    told = emitted(db_url, "review.workload")
    assert len(told) == before + 1
    workload = told[-1]
    assert (workload["case_id"], workload["round"], workload["group"]) == (case_id, 1, "G1")
    assert workload["decision"] == "returned" and workload["elements"] >= 10
    assert workload["characters"] > 100
    shares = {r["reviewer"]: (r["opinions"], r["elements"]) for r in workload["reviewers"]}
    assert shares == {"lead-G1": (0, 0), "reviewer-G1": (2, 2)}
