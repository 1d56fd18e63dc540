"""督办 notices: issued to a flagged department, answered by its staff, closed or sent back;
late answers flagged, every step audited."""

from datetime import timedelta

from fastapi.testclient import TestClient

from kit.clock import china_today
from publish.models import audit
from tests.conftest import audit_actions, token
from tests.publish.progress.conftest import (
    ADMIN,
    API,
    HEALTH,
    HEALTH_EDITOR,
    LEADER,
    PLANNING,
    PLANNING_EDITOR,
    SUPERVISOR,
    Move,
)

HEALTH_APPROVER = token("approver", sub="approver-health", department=HEALTH["code"])


def notice(client: TestClient, department: dict[str, str] = HEALTH, *, days: int = 5,
           headers: dict[str, str] = LEADER) -> dict:
    due = (china_today() + timedelta(days=days)).isoformat()
    response = client.post(f"{API}/notices", headers=headers, json={
        "department_code": department["code"], "reason": "两个事项停滞", "action": "月底前提交审核",
        "due": due})
    return {"status": response.status_code, **response.json()}


def test_a_notice_to_a_stalled_department_is_answered_and_closed(
        client: TestClient, move: Move, db_url: str) -> None:
    move("H-01", ("draft", "2026-05-01"), department=HEALTH)
    issued = notice(client)
    assert issued["status"] == 201, issued
    assert issued["state"] == "open" and issued["department_name"] == "卫生健康局"

    mine = client.get(f"{API}/notices", headers=HEALTH_EDITOR).json()["items"]
    assert [n["id"] for n in mine] == [issued["id"]]
    assert client.get(f"{API}/notices", headers=PLANNING_EDITOR).json()["items"] == []
    assert client.get(f"{API}/notices/{issued['id']}", headers=PLANNING_EDITOR).status_code == 404
    wrong = client.post(f"{API}/notices/{issued['id']}/answer", headers=PLANNING_EDITOR,
                        json={"answer": "不是我们"})
    assert wrong.status_code == 404

    answered = client.post(f"{API}/notices/{issued['id']}/answer", headers=HEALTH_APPROVER,
                           json={"answer": "已安排专人，下周提交"}).json()
    assert (answered["state"], answered["late"]) == ("answered", False)
    back = client.post(f"{API}/notices/{issued['id']}/decision", headers=SUPERVISOR,
                       json={"decision": "send_back", "reason": "请写明日期"}).json()
    assert back["state"] == "open"
    client.post(f"{API}/notices/{issued['id']}/answer", headers=HEALTH_EDITOR,
                json={"answer": "12月10日前提交"})
    closed = client.post(f"{API}/notices/{issued['id']}/decision", headers=LEADER,
                         json={"decision": "close"}).json()
    assert closed["state"] == "closed"
    assert [h["action"] for h in closed["history"]] == [
        "issued", "answered", "sent_back", "answered", "closed"]
    assert audit_actions(db_url, audit, entity="notice", entity_id=str(issued["id"])) == [
        "notice.issued", "notice.answered", "notice.send_back", "notice.answered",
        "notice.close"]


def test_a_notice_goes_only_to_a_flagged_department_from_a_leader_or_supervisor(
        client: TestClient, move: Move) -> None:
    today = china_today().isoformat()
    move("P-01", ("draft", today), department=PLANNING)
    assert notice(client, PLANNING)["status"] == 409  # on track
    assert notice(client, {"code": "nobody"})["status"] == 404
    move("H-01", ("draft", "2026-05-01"), department=HEALTH)
    assert notice(client, headers=ADMIN)["status"] == 403
    assert notice(client, headers=HEALTH_EDITOR)["status"] == 403
    assert notice(client, days=-1)["status"] == 422
    assert notice(client, headers=SUPERVISOR)["status"] == 201


def test_an_answer_after_the_due_date_is_late(client: TestClient, move: Move,
                                              db_url: str) -> None:
    move("H-01", ("draft", "2026-05-01"), department=HEALTH)
    issued = notice(client, days=0)
    from kit.db import Database
    from publish.progress.models import Notice
    db = Database(db_url, "publish")
    try:
        with db.session() as session:
            row = session.get(Notice, issued["id"])
            assert row is not None
            row.due = china_today() - timedelta(days=2)
    finally:
        db.dispose()
    assert client.get(f"{API}/notices/{issued['id']}", headers=LEADER).json()["overdue"]
    answered = client.post(f"{API}/notices/{issued['id']}/answer", headers=HEALTH_EDITOR,
                           json={"answer": "迟到的答复"}).json()
    assert answered["late"] is True
