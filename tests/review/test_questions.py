"""Difficult questions (疑难问题): a department raises them, the working group answers them at its
weekly meeting or at once, and every department searches the answers (the knowledge base)."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kit.clock import china_today
from review.models import audit
from tests.conftest import audit_actions, token
from tests.review.conftest import guidance

API = "/api/review/v1"
ECONOMY = "114301007072301005"  # 经济发展局: no demo question of its own
HEALTH = "114301007072307007"  # 卫生健康局
QUESTION = {"title": "告知承诺制事项的材料如何填写？",
            "question": "实行告知承诺制的事项，承诺书替代的材料还要列入申请材料吗？",
            "implementation_code": "430103-01-9001", "element": "materials"}


def editor(department: str = ECONOMY) -> dict[str, str]:
    return token("editor", sub=f"editor-{department}", department=department)


def raised(client: TestClient, body: dict[str, Any] | None = None,
           department: str = ECONOMY) -> dict[str, Any]:
    response = client.post(f"{API}/questions", headers=editor(department), json=body or QUESTION)
    assert response.status_code == 201, response.text
    return dict(response.json())


def answer(client: TestClient, question_id: int, text: str, meeting: str | None = None,
           headers: dict[str, str] | None = None) -> Any:
    return client.post(f"{API}/questions/{question_id}/answer", headers=headers or guidance(),
                       json={"answer": text, "meeting_date": meeting})


def test_a_department_raises_a_question_and_follows_its_state(client: TestClient,
                                                               db_url: str) -> None:
    question = raised(client)

    assert (question["state"], question["department_code"]) == ("open", ECONOMY)
    assert (question["implementation_code"], question["element"]) == ("430103-01-9001",
                                                                      "materials")
    mine = client.get(f"{API}/questions", headers=editor()).json()
    assert [(q["id"], q["state"]) for q in mine] == [(question["id"], "open")]
    assert client.get(f"{API}/questions", headers=editor(HEALTH)).json() == []
    assert client.get(f"{API}/questions/{question['id']}",
                      headers=editor(HEALTH)).status_code == 404
    queue = client.get(f"{API}/questions", params={"state": "open"}, headers=guidance()).json()
    assert question["id"] in [q["id"] for q in queue]
    assert audit_actions(db_url, audit, entity="question", entity_id=str(question["id"])) == [
        "question.raised"]


def test_an_answer_at_the_weekly_meeting_joins_the_knowledge_base(client: TestClient,
                                                                   db_url: str) -> None:
    question = raised(client)
    meeting = (china_today() - timedelta(days=2)).isoformat()
    text = "承诺书替代的材料不再列入申请材料，在材料说明中注明“告知承诺”。"

    answered = answer(client, question["id"], text, meeting)

    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert (body["state"], body["meeting_date"], body["answered_by"]) == (
        "answered", meeting, "guidance")
    mine = client.get(f"{API}/questions", headers=editor()).json()
    assert mine[0]["state"] == "answered" and mine[0]["answer"].startswith("承诺书替代")
    found = client.get(f"{API}/knowledge", params={"q": "告知承诺"}, headers=editor(HEALTH)).json()
    assert [q["id"] for q in found] == [question["id"]]
    assert client.get(f"{API}/questions/{question['id']}",
                      headers=editor(HEALTH)).status_code == 200
    assert audit_actions(db_url, audit, entity="question", entity_id=str(question["id"])) == [
        "question.raised", "question.answered"]


def test_an_open_question_is_not_in_the_knowledge_base(client: TestClient) -> None:
    raised(client, QUESTION | {"title": "电子证照能否替代纸质原件？", "question": "电子证照"})

    for reader in (editor(HEALTH), guidance(), token("reviewer", group="G1")):
        assert client.get(f"{API}/knowledge", params={"q": "电子证照"}, headers=reader).json() == []


def test_the_knowledge_base_matches_every_word_in_any_text(client: TestClient) -> None:
    # The demo answers: 兜底 is in the first's answer; 收费 in the third's title.
    catch_all = client.get(f"{API}/knowledge", params={"q": "兜底"}, headers=editor()).json()
    assert [q["title"] for q in catch_all] == ["“其他材料”能否作为申请材料？"]
    both = client.get(f"{API}/knowledge", params={"q": "兜底　收费"}, headers=editor()).json()
    assert both == []
    fees = client.get(f"{API}/knowledge", params={"q": "收费 废止"}, headers=editor()).json()
    assert [q["title"] for q in fees] == ["收费依据已废止的如何填写收费标准？"]
    by_code = client.get(f"{API}/knowledge", params={"q": "430103-01-0002"},
                         headers=editor()).json()
    assert len(by_code) == 1
    everything = client.get(f"{API}/knowledge", headers=editor()).json()
    assert {q["state"] for q in everything} == {"answered"} and len(everything) == 3
    assert client.get(f"{API}/knowledge", params={"q": "100%"}, headers=editor()).json() == []
    assert client.get(f"{API}/knowledge", params={"q": "_"}, headers=editor()).json() == []


def test_an_answer_at_once_can_be_amended_and_the_change_is_audited(client: TestClient,
                                                                    db_url: str) -> None:
    question = raised(client)
    assert answer(client, question["id"], "先按原规定执行。").status_code == 200

    amended = answer(client, question["id"], "按新规定执行。", headers=token("admin", sub="admin"))

    assert amended.status_code == 200
    assert (amended.json()["answer"], amended.json()["meeting_date"],
            amended.json()["answered_by"]) == ("按新规定执行。", None, "admin")
    assert audit_actions(db_url, audit, entity="question", entity_id=str(question["id"])) == [
        "question.raised", "question.answered", "question.amended"]


@pytest.mark.parametrize("body", [
    {"answer": ""}, {"answer": "   "}, {"answer": "x" * 4001}, {"answer": "好", "extra": 1},
    {"answer": "好", "meeting_date": "not a date"}, {"answer": "a\x00b"},
])
def test_a_bad_answer_is_refused(client: TestClient, body: dict[str, Any]) -> None:
    question = raised(client)

    response = client.post(f"{API}/questions/{question['id']}/answer", headers=guidance(),
                           json=body)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_a_meeting_cannot_answer_from_the_future(client: TestClient) -> None:
    question = raised(client)
    tomorrow = (china_today() + timedelta(days=1)).isoformat()

    assert answer(client, question["id"], "好", tomorrow).status_code == 422
    assert client.get(f"{API}/questions/{question['id']}",
                      headers=editor()).json()["state"] == "open"


@pytest.mark.parametrize("body", [
    {"title": "", "question": "内容"}, {"title": "标题", "question": ""},
    {"title": "x" * 201, "question": "内容"}, {"title": "标题", "question": "内容", "x": 1},
    {"title": "标\x00题", "question": "内容"},
])
def test_a_bad_question_is_refused(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post(f"{API}/questions", headers=editor(), json=body)
    assert response.status_code == 422


@pytest.mark.parametrize(("role", "raise_", "list_", "answer_", "search"), [
    ("editor", 201, 200, 403, 200),
    ("approver", 403, 200, 403, 200),
    ("guidance", 403, 200, 200, 200),
    ("admin", 403, 200, 200, 200),
    ("supervisor", 403, 200, 403, 200),
    ("reviewer", 403, 403, 403, 200),
    ("lead", 403, 403, 403, 200),
    ("clerk", 403, 403, 403, 403),
    ("applicant", 403, 403, 403, 403),
])
def test_who_may_do_what(client: TestClient, role: str, raise_: int, list_: int, answer_: int,
                         search: int) -> None:
    headers = token(role, sub=role, department=ECONOMY, group="G1")
    question = raised(client)

    assert client.post(f"{API}/questions", headers=headers,
                       json=QUESTION).status_code == raise_
    assert client.get(f"{API}/questions", headers=headers).status_code == list_
    assert answer(client, question["id"], "答复", headers=headers).status_code == answer_
    assert client.get(f"{API}/knowledge", headers=headers).status_code == search


def test_an_editor_without_a_department_cannot_raise_a_question(client: TestClient) -> None:
    response = client.post(f"{API}/questions", headers=token("editor"), json=QUESTION)
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/questions"), ("post", "/questions"), ("get", "/questions/1"),
    ("post", "/questions/1/answer"), ("get", "/knowledge")])
def test_questions_need_a_token(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, API + path, json={})
    assert response.status_code == 401


def test_an_unknown_question_is_not_found(client: TestClient) -> None:
    assert client.get(f"{API}/questions/99999", headers=guidance()).status_code == 404
    assert answer(client, 99999, "答复").status_code == 404
