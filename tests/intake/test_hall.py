"""The hall's walk-in queue: anyone takes a ticket (A012), the window's clerk calls the next,
marks it served or no-show; waiting counts per window; two clerks never call the same ticket."""

import threading

import pytest
from fastapi.testclient import TestClient

from intake.config import IntakeSettings
from intake.desk import Desk
from intake.hall import service
from intake.hall.schemas import TicketIn
from kit.auth import Principal
from kit.db import Database
from kit.errors import Conflict
from tests.conftest import token
from tests.intake.conftest import API, APPLICANT, CLERK

HALL = f"{API}/hall"
VISITOR = token("public", sub="anonymous")
PLANNING_CLERK = token("clerk", sub="clerk-chen", group="planning")
SOCIAL_CLERK = token("clerk", sub="clerk-li", group="social")


def take(client: TestClient, window: str = "planning", **fields: str) -> dict:
    answer = client.post(f"{HALL}/tickets", headers=VISITOR, json={"window": window} | fields)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_visitor_takes_numbered_tickets_and_sees_their_place_in_line(
        client: TestClient) -> None:
    first, second = take(client), take(client, phone="13812345678")
    other = take(client, "social")
    assert (first["number"], second["number"], other["number"]) == ("B001", "B002", "D001")
    assert (first["ahead"], second["ahead"]) == (0, 1)
    assert "phone" not in second
    seen = client.get(f"{HALL}/tickets/b002", headers=VISITOR).json()
    assert seen["state"] == "waiting" and seen["ahead"] == 1
    queues = {q["window"]: q for q in client.get(f"{HALL}/windows", headers=VISITOR).json()}
    assert queues["planning"]["waiting"] == 2 and queues["social"]["waiting"] == 1
    assert queues["investment"] == {"window": "investment", "letter": "A", "waiting": 0,
                                    "calling": []}


@pytest.mark.parametrize("body", [{"window": "nowhere"}, {"window": "planning", "phone": "12"},
                                  {"window": "planning", "name": "张三"}])
def test_a_ticket_for_no_window_or_with_a_bad_phone_is_refused(client: TestClient,
                                                                body: dict) -> None:
    answer = client.post(f"{HALL}/tickets", headers=VISITOR, json=body)
    assert answer.status_code in (404, 422)
    assert client.get(f"{HALL}/tickets/B001", headers=VISITOR).status_code == 404


def test_the_clerk_calls_the_next_and_marks_it_served_or_no_show(client: TestClient) -> None:
    first, second = take(client, phone="13812345678"), take(client)
    called = client.post(f"{HALL}/windows/planning/next", headers=PLANNING_CLERK).json()
    assert called["number"] == first["number"] and called["state"] == "called"
    assert called["phone"] == "138****5678" and called["called_by"] == "clerk-chen"
    assert client.get(f"{HALL}/tickets/B002", headers=VISITOR).json()["ahead"] == 0
    display = {q["window"]: q for q in client.get(f"{HALL}/windows", headers=VISITOR).json()}
    assert display["planning"] == {"window": "planning", "letter": "B", "waiting": 1,
                                   "calling": ["B001"]}
    served = client.post(f"{HALL}/tickets/{called['id']}/served", headers=PLANNING_CLERK)
    assert served.json()["state"] == "served"
    again = client.post(f"{HALL}/tickets/{called['id']}/no-show", headers=PLANNING_CLERK)
    assert again.status_code == 409
    nxt = client.post(f"{HALL}/windows/planning/next", headers=PLANNING_CLERK).json()
    assert nxt["number"] == second["number"]
    absent = client.post(f"{HALL}/tickets/{nxt['id']}/no-show", headers=PLANNING_CLERK).json()
    assert absent["state"] == "no_show"
    none_left = client.post(f"{HALL}/windows/planning/next", headers=PLANNING_CLERK)
    assert none_left.status_code == 409
    listed = client.get(f"{HALL}/windows/planning/tickets", headers=PLANNING_CLERK).json()
    assert [(t["number"], t["state"]) for t in listed] == [("B001", "served"),
                                                          ("B002", "no_show")]


def test_only_the_windows_own_clerk_calls_and_lists_its_tickets(client: TestClient) -> None:
    ticket = take(client)
    for headers in (VISITOR, APPLICANT):
        assert client.post(f"{HALL}/windows/planning/next", headers=headers).status_code == 403
        assert client.get(f"{HALL}/windows/planning/tickets",
                          headers=headers).status_code == 403
    for headers in (SOCIAL_CLERK, CLERK):  # another window's clerk; a clerk of no window
        assert client.post(f"{HALL}/windows/planning/next", headers=headers).status_code == 403
        assert client.get(f"{HALL}/windows/planning/tickets",
                          headers=headers).status_code == 403
    assert client.post(f"{HALL}/windows/nowhere/next", headers=PLANNING_CLERK).status_code == 404
    assert client.post(f"{HALL}/tickets").status_code == 401
    called = client.post(f"{HALL}/windows/planning/next", headers=PLANNING_CLERK).json()
    assert called["number"] == ticket["number"]
    refused = client.post(f"{HALL}/tickets/{called['id']}/served", headers=SOCIAL_CLERK)
    assert refused.status_code == 403
    assert client.post(f"{HALL}/tickets/999999/served", headers=PLANNING_CLERK).status_code == 404
    trail = client.get(f"{API}/audit", headers=token("audit_admin"),
                       params={"entity": "hall_ticket"})
    if trail.status_code == 200:
        assert {"hall_ticket.taken", "hall_ticket.called"} <= {
            e["action"] for e in trail.json()["items"]}


def test_two_clerks_calling_at_once_never_get_the_same_ticket(client: TestClient,
                                                               db_url: str) -> None:
    tickets = 12
    for _ in range(tickets):
        take(client)
    db, desk = Database(db_url, "intake"), Desk.of(IntakeSettings(database_url=db_url))
    clerk = Principal(sub="clerk", roles=("clerk",), group="planning")
    called: list[str] = []
    start = threading.Barrier(4)

    def call() -> None:
        start.wait()
        while True:
            try:
                with db.session() as session:
                    called.append(service.call_next(session=session, desk=desk,
                                                    principal=clerk, window="planning").number)
            except Conflict:
                return

    workers = [threading.Thread(target=call) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    db.dispose()
    assert sorted(called) == [f"B{n:03d}" for n in range(1, tickets + 1)]


def test_the_take_service_seals_the_phone(client: TestClient, db_url: str) -> None:
    db, desk = Database(db_url, "intake"), Desk.of(IntakeSettings(database_url=db_url))
    with db.session() as session:
        service.take(session=session, desk=desk, principal=Principal(sub="anonymous"),
                     ticket=TicketIn(window="social", phone="13812345678"))
    with db.session() as session:
        stored = session.execute(
            service.select(service.HallTicket.phone_sealed)).scalar_one()  # type: ignore[attr-defined]
    db.dispose()
    assert stored and "13812345678" not in stored
