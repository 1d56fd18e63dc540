"""办件查询: anyone with the case number and query code follows the case; nothing else does."""

from fastapi.testclient import TestClient

from tests.conftest import token
from tests.intake.conftest import API, APPLICANT, CLERK, PLANNING_APPROVER, filed
from tests.intake.documents import moved

PUBLIC = token("public", sub="anonymous")


def case_of(client: TestClient, application_id: int) -> dict[str, str]:
    return client.get(f"{API}/applications/{application_id}", headers=APPLICANT).json()


def lookup(client: TestClient, number: str, code: str) -> object:
    return client.get(f"{API}/progress/{number}", params={"code": code}, headers=PUBLIC)


def test_anyone_with_number_and_code_sees_state_dates_and_ledger(published: TestClient) -> None:
    client = published
    application_id = filed(client)
    url = f"{API}/applications/{application_id}"
    client.post(f"{url}/accept", headers=CLERK)
    case = case_of(client, application_id)
    shown = client.get(f"{API}/progress/{case['case_number']}",
                       params={"code": case["query_code"].lower()}, headers=PUBLIC)
    assert shown.status_code == 200, shown.text
    progress = shown.json()
    assert progress["state"] == "accepted" and not progress["closed"]
    assert progress["matter_name"] == "建设用地规划许可证核发"
    assert progress["department_name"] == "自然资源和规划局"
    assert progress["due_date"] == case["due_date"] and progress["days_left"] >= 0
    assert [s["step"] for s in progress["ledger"]] == ["received", "accepted"]
    assert progress["documents"] == ["receipt", "acceptance_notice"]
    # No personal data: the name by its initial, no actor, no account.
    assert progress["applicant"] == "a**"
    assert "applicant-zhangsan" not in shown.text and "clerk-zhao" not in shown.text

    client.post(f"{url}/decision", headers=PLANNING_APPROVER, json={"decision": "approved"})
    closed = client.get(f"{API}/progress/{case['case_number']}",
                        params={"code": case["query_code"]}, headers=PUBLIC).json()
    assert closed["closed"] and closed["days_left"] is None
    assert closed["ledger"][-1]["state"] == "approved"


def test_a_closed_not_accepted_case_shows_as_closed(published: TestClient, db_url: str) -> None:
    client = published
    application_id = filed(client)
    moved(db_url, application_id, "not_accepted", reason="不属于本机关职权范围")
    case = case_of(client, application_id)
    progress = client.get(f"{API}/progress/{case['case_number']}",
                          params={"code": case["query_code"]}, headers=PUBLIC).json()
    assert progress["state"] == "not_accepted" and progress["closed"]


def test_a_wrong_code_and_an_unknown_number_get_the_same_404(published: TestClient) -> None:
    client = published
    case = case_of(client, filed(client))
    wrong_code = client.get(f"{API}/progress/{case['case_number']}", params={"code": "ZZZZZZ"},
                            headers=PUBLIC)
    unknown = client.get(f"{API}/progress/430103-20000101-99999",
                         params={"code": case["query_code"]}, headers=PUBLIC)
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.headers["content-type"] == "application/problem+json"
    assert wrong_code.json()["detail"] == unknown.json()["detail"]
    missing = client.get(f"{API}/progress/{case['case_number']}", headers=PUBLIC)
    assert missing.status_code == 422
    assert client.get(f"{API}/progress/{case['case_number']}",
                      params={"code": case["query_code"]}).status_code == 401
