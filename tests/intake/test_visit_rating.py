"""Rating a hall visit: whoever holds a served ticket's number and code rates it once (1–5,
tags, comment); a wrong pair is 404, a second rating or one before serving 409; the hall's
staff may not rate; supervisors see the ratings per window."""

from fastapi.testclient import TestClient

from tests.conftest import token
from tests.intake.conftest import API, APPLICANT, CLERK, PLANNING_APPROVER
from tests.intake.test_hall import HALL, PLANNING_CLERK, VISITOR, take

SUPERVISOR = token("supervisor", sub="supervisor")
LEAD = token("lead", sub="lead")
GOOD = {"score": 5, "tags": ["quick", "courteous", "quick"], "comment": " 很快 "}


def served(client: TestClient) -> dict:
    ticket = take(client)
    called = client.post(f"{HALL}/windows/planning/next", headers=PLANNING_CLERK).json()
    assert called["number"] == ticket["number"]
    done = client.post(f"{HALL}/tickets/{called['id']}/served", headers=PLANNING_CLERK)
    assert done.status_code == 200, done.text
    return ticket


def rate(client: TestClient, ticket: dict, headers: dict = VISITOR, **body: object):
    fields = GOOD | {"code": ticket["code"]} | body
    return client.post(f"{HALL}/tickets/{ticket['number']}/rating", headers=headers,
                       json=fields)


def test_the_holder_of_a_served_ticket_rates_the_visit_once(client: TestClient) -> None:
    ticket = served(client)
    assert len(ticket["code"]) == 6
    assert "code" not in client.get(f"{HALL}/tickets/{ticket['number']}",
                                    headers=VISITOR).json()
    answer = rate(client, ticket, code=ticket["code"].lower())
    assert answer.status_code == 201, answer.text
    rated = answer.json()
    assert rated["subject_kind"] == "visit" and rated["application_id"] is None
    assert (rated["score"], rated["tags"], rated["comment"]) == (5, ["quick", "courteous"],
                                                                 "很快")
    assert rated["rectification"] is None
    assert client.get(f"{HALL}/tickets/{ticket['number']}", headers=VISITOR).json()["rated"]
    again = rate(client, ticket, score=1)
    assert again.status_code == 409
    signed_in = rate(client, ticket, headers=APPLICANT)
    assert signed_in.status_code == 409


def test_a_wrong_pair_is_404_and_an_unserved_ticket_409(client: TestClient) -> None:
    ticket = served(client)
    assert rate(client, ticket, code="ZZZZZZ").status_code == 404
    assert rate(client, ticket | {"number": "B099"}).status_code == 404
    assert rate(client, ticket | {"number": "A001"}).status_code == 404
    waiting = take(client)
    assert rate(client, waiting).status_code == 409
    client.post(f"{HALL}/windows/planning/next", headers=PLANNING_CLERK)
    assert rate(client, waiting).status_code == 409  # called, not yet served
    assert rate(client, ticket, score=0).status_code == 422
    assert rate(client, ticket, tags=["rude"]).status_code == 422
    assert rate(client, ticket, code="").status_code == 422


def test_the_hall_staff_may_not_rate_a_visit(client: TestClient) -> None:
    ticket = served(client)
    signed_in_clerk = token("clerk", "public", sub="clerk-chen", group="planning")
    for staff in (CLERK, PLANNING_CLERK, PLANNING_APPROVER, SUPERVISOR, LEAD, signed_in_clerk):
        assert rate(client, ticket, headers=staff).status_code == 403
    assert rate(client, ticket).status_code == 201


def test_supervisors_see_visit_ratings_per_window_apart_from_cases(client: TestClient) -> None:
    first, second = served(client), served(client)
    assert rate(client, first, score=5).status_code == 201
    assert rate(client, second, score=1, tags=["long_wait"]).status_code == 201
    windows = client.get(f"{API}/ratings/summary?by=window", headers=SUPERVISOR).json()
    assert [(w["key"], w["count"], w["average"], w["bad_share"]) for w in windows] == [
        ("planning", 2, 3.0, 0.5)]
    assert windows[0]["tags"] == {"quick": 1, "courteous": 1, "long_wait": 1}
    assert client.get(f"{API}/ratings/summary?by=window", headers=LEAD).status_code == 200
    assert client.get(f"{API}/ratings/summary", headers=SUPERVISOR).json() == []
    assert client.get(f"{API}/rectifications", headers=SUPERVISOR).json() == []
    for refused in (PLANNING_APPROVER, APPLICANT, VISITOR):
        assert client.get(f"{API}/ratings/summary?by=window",
                          headers=refused).status_code == 403
