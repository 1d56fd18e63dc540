"""Decisions belong to the approvers of the pinned matter's department."""

from fastapi.testclient import TestClient

from tests.intake.conftest import API, APPLICANT, CLERK, HOUSING_APPROVER, PLANNING_APPROVER, filed


def accepted(client: TestClient) -> str:
    """The URL of an accepted application."""
    url = f"{API}/applications/{filed(client)}"
    assert client.post(f"{url}/accept", headers=CLERK).status_code == 200
    return url


def test_an_approver_of_another_department_cannot_see_or_decide(published: TestClient) -> None:
    client = published
    url = accepted(client)
    assert client.get(url, headers=HOUSING_APPROVER).status_code == 404
    assert client.get(f"{API}/applications", headers=HOUSING_APPROVER).json() == []
    refused = client.post(f"{url}/decision", headers=HOUSING_APPROVER,
                          json={"decision": "approved"})
    assert refused.status_code == 404
    assert client.get(url, headers=APPLICANT).json()["state"] == "accepted"
    assert len(client.get(f"{API}/applications", headers=PLANNING_APPROVER).json()) == 1


def test_a_rejection_needs_reasons_and_yields_no_licence(published: TestClient) -> None:
    client = published
    url = accepted(client)
    assert client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                       json={"decision": "rejected", "opinion": "  "}).status_code == 422

    reasons = "用地性质与控制性详细规划不符。"
    rejected = client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                           json={"decision": "rejected", "opinion": reasons})
    assert rejected.status_code == 200, rejected.text
    decision = client.get(url, headers=APPLICANT).json()["decision"]
    assert decision["decision"] == "rejected"
    assert decision["opinion"] == reasons
    assert decision["result_name"] is None


def test_decisions_come_after_acceptance_and_only_once(published: TestClient) -> None:
    client = published
    url = f"{API}/applications/{filed(client)}"
    early = client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                        json={"decision": "approved"})
    assert early.status_code == 409
    assert "accepted" in early.json()["detail"]

    client.post(f"{url}/accept", headers=CLERK)
    assert client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                       json={"decision": "approved"}).status_code == 200
    again = client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                        json={"decision": "rejected", "opinion": "改变主意"})
    assert again.status_code == 409
    assert client.get(url, headers=APPLICANT).json()["state"] == "approved"
    assert client.post(f"{url}/accept", headers=CLERK).status_code == 409


def test_a_clerk_cannot_decide(published: TestClient) -> None:
    url = accepted(published)
    assert published.post(f"{url}/decision", headers=CLERK,
                          json={"decision": "approved"}).status_code == 403
