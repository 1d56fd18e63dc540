"""好差评: a closed case is rated once; a 差评 opens a rectification the department answers."""

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from intake.models import audit
from tests.conftest import audit_actions, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    BUTLER,
    CLERK,
    ENTERPRISE_ACCOUNT,
    HOUSING_APPROVER,
    OTHER_APPLICANT,
    PLANNING,
    PLANNING_APPROVER,
    filed,
    mandated,
)

SUPERVISOR = token("supervisor", sub="supervisor")
LEAD = token("lead", "reviewer", sub="lead")


def closed(client: TestClient, decision: str = "approved") -> int:
    """The id of an application the planning bureau decided."""
    application_id = filed(client)
    url = f"{API}/applications/{application_id}"
    assert client.post(f"{url}/accept", headers=CLERK).status_code == 200
    answer = client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                         json={"decision": decision, "opinion": "理由"})
    assert answer.status_code == 200, answer.text
    return application_id


def test_a_closed_case_is_rated_once(published: TestClient, db_url: str) -> None:
    client = published
    application_id = closed(client)
    url = f"{API}/applications/{application_id}/rating"
    assert client.get(url, headers=APPLICANT).status_code == 404
    rated = client.post(url, headers=APPLICANT,
                        json={"score": 5, "tags": ["quick", "once", "quick"], "comment": "好"})
    assert rated.status_code == 201, rated.text
    assert rated.json()["tags"] == ["quick", "once"]
    assert rated.json()["rectification"] is None
    again = client.post(url, headers=APPLICANT, json={"score": 1})
    assert again.status_code == 409
    assert client.get(url, headers=APPLICANT).json()["score"] == 5
    actions = audit_actions(db_url, audit, entity="rating", entity_id=str(rated.json()["id"]))
    assert actions == ["rating.created"]


def test_the_butler_rates_the_enterprises_case(published: TestClient) -> None:
    client = published
    mandated(client)
    application_id = filed(client, ENTERPRISE_ACCOUNT)
    url = f"{API}/applications/{application_id}"
    client.post(f"{url}/accept", headers=CLERK)
    client.post(f"{url}/decision", headers=PLANNING_APPROVER, json={"decision": "approved"})
    rated = client.post(f"{url}/rating", headers=BUTLER, json={"score": 4, "tags": ["clear"]})
    assert rated.status_code == 201, rated.text
    assert client.post(f"{url}/rating", headers=ENTERPRISE_ACCOUNT,
                       json={"score": 5}).status_code == 409
    assert client.get(f"{url}/rating", headers=ENTERPRISE_ACCOUNT).json()["score"] == 4


def test_an_open_case_cannot_be_rated(published: TestClient) -> None:
    client = published
    application_id = filed(client)
    answer = client.post(f"{API}/applications/{application_id}/rating", headers=APPLICANT,
                         json={"score": 4})
    assert answer.status_code == 409
    assert "closed" in answer.json()["detail"]


def test_only_the_applicant_rates_their_own_case(published: TestClient) -> None:
    client = published
    url = f"{API}/applications/{closed(client)}/rating"
    assert client.post(url, headers=OTHER_APPLICANT, json={"score": 1}).status_code == 404
    assert client.post(url, headers=BUTLER, json={"score": 1}).status_code == 404
    for staff in (CLERK, PLANNING_APPROVER, SUPERVISOR):
        assert client.post(url, headers=staff, json={"score": 1}).status_code == 403
    for bad in ({"score": 0}, {"score": 6}, {"score": 3, "tags": ["bribe"]},
                {"score": 3, "extra": 1}, {"score": 3, "comment": "x" * 1001}):
        assert client.post(url, headers=APPLICANT, json=bad).status_code == 422


def test_a_bad_rating_opens_a_rectification_the_department_answers(
        published: TestClient, db_url: str) -> None:
    client = published
    application_id = closed(client, "rejected")
    url = f"{API}/applications/{application_id}/rating"
    rated = client.post(url, headers=APPLICANT,
                        json={"score": 2, "tags": ["many_trips", "long_wait"],
                              "comment": "跑了三次"}).json()
    rectification = rated["rectification"]
    assert rectification["state"] == "open" and rectification["late"] is False
    assert rectification["due_date"] > rated["rated_at"][:10]
    rect_url = f"{API}/rectifications/{rectification['id']}"

    assert client.get(f"{API}/rectifications", headers=HOUSING_APPROVER).json() == []
    assert client.get(rect_url, headers=HOUSING_APPROVER).status_code == 404
    assert client.get(rect_url, headers=APPLICANT).status_code == 403
    listed = client.get(f"{API}/rectifications?state=open", headers=PLANNING_APPROVER).json()
    assert [r["case_number"] for r in listed] == [rectification["case_number"]]
    assert listed[0]["comment"] == "跑了三次"

    outcome = {"outcome": "已简化材料，一次告知。"}
    assert client.post(f"{rect_url}/close", headers=PLANNING_APPROVER,
                       json=outcome).status_code == 409  # the call-back first
    called = {"called_at": datetime(2026, 12, 2, 2, tzinfo=UTC).isoformat(),
              "note": "申请人表示理解。"}
    assert client.post(f"{rect_url}/callback", headers=SUPERVISOR,
                       json=called).status_code == 403
    answer = client.post(f"{rect_url}/callback", headers=PLANNING_APPROVER, json=called)
    assert answer.status_code == 200, answer.text
    assert answer.json()["callback_by"] == "approver-planning"
    assert client.post(f"{rect_url}/close", headers=PLANNING_APPROVER,
                       json=outcome).status_code == 200
    assert client.post(f"{rect_url}/close", headers=PLANNING_APPROVER,
                       json=outcome).status_code == 409

    seen = client.get(url, headers=APPLICANT).json()["rectification"]
    assert seen["state"] == "closed" and seen["outcome"] == outcome["outcome"]
    assert client.get(f"{API}/rectifications", headers=SUPERVISOR).json()[0]["state"] == "closed"
    assert audit_actions(db_url, audit, entity="rectification",
                         entity_id=str(rectification["id"])) == [
        "rectification.opened", "rectification.callback", "rectification.closed"]


def test_ratings_are_summed_up_per_department_and_matter(published: TestClient) -> None:
    client = published
    for score in (5, 1):
        client.post(f"{API}/applications/{closed(client)}/rating", headers=APPLICANT,
                    json={"score": score, "tags": ["long_wait"] if score == 1 else []})
    by_department = client.get(f"{API}/ratings/summary", headers=SUPERVISOR).json()
    assert by_department == [{"key": PLANNING["code"], "name": PLANNING["name"], "count": 2,
                              "average": 3.0, "bad_share": 0.5, "tags": {"long_wait": 1}}]
    by_matter = client.get(f"{API}/ratings/summary?by=matter", headers=LEAD).json()
    assert by_matter[0]["name"] == "建设用地规划许可证核发"
    assert client.get(f"{API}/ratings/summary", headers=HOUSING_APPROVER).json() == []
    assert client.get(f"{API}/ratings/summary", headers=APPLICANT).status_code == 403
    assert client.get(f"{API}/ratings/summary?by=x", headers=SUPERVISOR).status_code == 422
