"""Progress per department from catalog's moves: states, rounds, days, targets, the straight
line to the deadline and the flags, judged on fixed dates."""

from fastapi.testclient import TestClient

from tests.publish.progress.conftest import (
    ADMIN,
    API,
    CATALOG,
    HEALTH,
    HEALTH_EDITOR,
    LEADER,
    MARKET,
    SUPERVISOR,
    Move,
    journey,
    moved,
)

JUNE = {"start": "2026-06-01", "end": "2026-06-30"}


def departments(client: TestClient, headers: dict[str, str] = LEADER,
                **period: str) -> dict[str, dict]:
    response = client.get(API, params=period or JUNE, headers=headers)
    assert response.status_code == 200, response.text
    return {d["name"]: d for d in response.json()["departments"]}


def test_states_rounds_and_days_are_counted_as_of_the_period_end(
        client: TestClient, move: Move) -> None:
    move("P-01", *journey("2026-03-02"), ("approved", "2026-04-01"), ("published", "2026-06-10"))
    move("P-02", ("draft", "2026-05-01"), ("submitted", "2026-06-20"))
    move("P-03", ("draft", "2026-07-01"))  # after June: not yet there

    june = departments(client)["自然资源和规划局"]
    may = departments(client, start="2026-05-01", end="2026-05-31")["自然资源和规划局"]

    assert june["counts"] == {"draft": 0, "submitted": 1, "in_review": 0, "returned": 0,
                              "approved": 0, "published": 1}
    # The target is every matter known today: P-03 had not begun in June.
    assert (june["matters"], june["not_started"], june["target"]) == (3, 1, 3)
    assert june["published_share"] == 0.3333
    assert (june["rounds_max"], june["published_in_period"]) == (2, 1)
    assert june["days_in_state"]["approved"] == 70.0
    assert may["counts"]["approved"] == 1 and may["counts"]["draft"] == 1


def test_a_department_behind_the_straight_line_to_the_deadline_is_flagged(
        client: TestClient, move: Move) -> None:
    for n in range(4):
        move(f"M-0{n}", ("draft", "2026-06-01"), ("submitted", "2026-06-02"),
             ("approved", "2026-06-03"), department=MARKET)
    move("M-00", ("published", "2026-06-04"), department=MARKET, before="approved")
    saved = client.put(f"{API}/settings", headers=ADMIN, json={
        "deadline": "2026-12-31", "started_on": "2026-01-01", "stall_working_days": 10})
    assert saved.status_code == 200, saved.text

    market = departments(client)["市场监督管理局"]
    assert market["flags"][0] == {"rule": "behind", "share": 0.25, "expected": 0.4945,
                                  "published": 1, "target": 4}
    client.put(f"{API}/targets/{MARKET['code']}", headers=LEADER, json={"target": 2})
    flags = departments(client)["市场监督管理局"]["flags"]
    assert "behind" not in {f["rule"] for f in flags}  # one of two is on the line
    assert client.put(f"{API}/targets/{MARKET['code']}", headers=SUPERVISOR,
                      json={"target": 2}).status_code == 403


def test_twice_returned_and_stalled_matters_flag_their_department(
        client: TestClient, move: Move) -> None:
    move("H-01", *journey("2026-02-02", "2026-03-02"), department=HEALTH)
    move("H-02", ("draft", "2026-06-01"), department=HEALTH)

    health = departments(client, start="2026-06-01", end="2026-06-12")["卫生健康局"]
    rules = {f["rule"]: f for f in health["flags"]}

    assert rules["returned_twice"]["matters"] == ["事项01"]
    assert rules["stalled"]["matters"] == ["事项01"]  # in review since March
    assert rules["stalled"]["working_days"] >= 10 and "behind" not in rules


def test_a_move_sent_twice_is_kept_once(client: TestClient) -> None:
    event = moved("P-09", "draft", "2026-06-01")
    for _ in range(2):
        assert client.post("/internal/events", headers=CATALOG, json=event).status_code == 200
    again = moved("P-09", "draft", "2026-06-01")  # the same move under another id
    assert client.post("/internal/events", headers=CATALOG, json=again).status_code == 200
    assert departments(client)["自然资源和规划局"]["matters"] == 1


def test_a_leader_sees_their_own_departments_first(client: TestClient, move: Move) -> None:
    move("P-01", ("draft", "2026-06-01"))
    move("H-01", ("draft", "2026-06-01"), department=HEALTH)
    linked = client.put(f"{API}/links/leader", headers=ADMIN,
                        json={"leader_name": "黄主任", "departments": [HEALTH["code"]]})
    assert linked.status_code == 200, linked.text
    assert client.put(f"{API}/links/leader", headers=LEADER,
                      json={"leader_name": "x", "departments": []}).status_code == 403

    names = list(departments(client))
    first = client.get(API, params=JUNE, headers=LEADER).json()["departments"][0]
    assert names[0] == "卫生健康局" and first["linked"] and first["leaders"] == ["黄主任"]


def test_only_leaders_supervisors_and_administrators_read_progress(client: TestClient) -> None:
    for headers in (LEADER, SUPERVISOR, ADMIN):
        assert client.get(API, headers=headers).status_code == 200
    assert client.get(API, headers=HEALTH_EDITOR).status_code == 403
    assert client.get(API).status_code == 401
    assert client.get(API, params={"start": "2026-07-01", "end": "2026-06-01"},
                      headers=LEADER).status_code == 422
