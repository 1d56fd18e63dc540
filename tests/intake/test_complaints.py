"""监督投诉: anyone files a complaint, follows it by number and code; the assigned supervisor
accepts, investigates, answers and closes; the complainant rates the answer once."""

from fastapi.testclient import TestClient
from sqlalchemy import text

from intake.models import audit
from kit.db import Database
from tests.conftest import audit_actions, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    CLERK,
    CODE,
    PLANNING,
    PLANNING_APPROVER,
    filed,
)

ANONYMOUS = token("public", sub="anonymous")
SUPERVISOR = token("supervisor", sub="supervisor")
SECOND = token("supervisor", sub="supervisor2")
THIRD = token("supervisor", sub="supervisor3")
LEAD = token("lead", sub="lead")
PHONE = "13812345678"


def complain(client: TestClient, headers: dict[str, str] = ANONYMOUS, **fields: str) -> dict:
    """File a complaint about the hall (by default as a signed-out visitor)."""
    body = {"subject_kind": "hall", "content": "窗口排队太久。", "name": "王五",
            "phone": PHONE} | fields
    answer = client.post(f"{API}/complaints", headers=headers, json=body)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_a_complaint_goes_from_filing_to_closure(published: TestClient, db_url: str) -> None:
    client = published
    filed_ = complain(client)
    number, code = filed_["number"], filed_["query_code"]
    assert number.startswith("430103-TS-") and filed_["state"] == "filed"
    follow = f"{API}/complaints/{number}"
    seen = client.get(follow, params={"code": code}, headers=ANONYMOUS).json()
    assert seen["state"] == "filed" and [s["kind"] for s in seen["timeline"]] == ["filed"]
    assert "phone" not in seen and "王五" not in str(seen)

    queue = client.get(f"{API}/complaints", headers=SUPERVISOR).json()
    assert [c["number"] for c in queue] == [number]
    assert queue[0]["phone"] == "138****5678"
    assert client.get(f"{API}/complaints", headers=SECOND).json() == []
    assert client.post(f"{follow}/accept", headers=SECOND).status_code == 404
    assert client.post(f"{follow}/answer", headers=SUPERVISOR,
                       json={"text": "答复"}).status_code == 409  # accept first
    for step, body in (("accept", None), ("notes", {"text": "调取排队记录，核实属实。"}),
                       ("answer", {"text": "已增开窗口，向您致歉。"}), ("close", None)):
        answer = client.post(f"{follow}/{step}", headers=SUPERVISOR, json=body)
        assert answer.status_code == 200, (step, answer.text)
    handled = client.get(f"{follow}/handling", headers=SUPERVISOR).json()
    assert handled["timeline"][2]["text"] == "调取排队记录，核实属实。"

    seen = client.get(follow, params={"code": code}, headers=ANONYMOUS).json()
    assert seen["state"] == "closed" and seen["answer"] == "已增开窗口，向您致歉。"
    assert [s["kind"] for s in seen["timeline"]] == ["filed", "accept", "note", "answer",
                                                     "close"]
    assert seen["timeline"][2]["text"] is None  # investigation notes stay inside
    rate = f"{follow}/rating"
    assert client.post(rate, headers=ANONYMOUS, json={"code": "WRONG2", "score": 5}
                       ).status_code == 404
    assert client.post(rate, headers=ANONYMOUS, json={"code": code, "score": 4}
                       ).status_code == 200
    assert client.post(rate, headers=ANONYMOUS, json={"code": code, "score": 5}
                       ).status_code == 409
    assert client.get(follow, params={"code": code}, headers=ANONYMOUS).json()["score"] == 4
    assert audit_actions(db_url, audit, entity="complaint", entity_id=str(handled["id"])) == [
        "complaint.filed", "complaint.read", "complaint.accept", "complaint.note",
        "complaint.answer", "complaint.close", "complaint.read", "complaint.rated",
        "complaint.read"]


def test_a_wrong_number_or_code_is_not_found(published: TestClient) -> None:
    client = published
    filed_ = complain(client)
    follow = f"{API}/complaints/{filed_['number']}"
    assert client.get(follow, params={"code": "ABC234"}, headers=ANONYMOUS).status_code == 404
    assert client.get(f"{API}/complaints/430103-TS-20260101-00009",
                      params={"code": filed_["query_code"]},
                      headers=ANONYMOUS).status_code == 404
    assert client.get(follow, headers=ANONYMOUS).status_code == 422
    assert client.get(follow, params={"code": filed_["query_code"].lower()},
                      headers=ANONYMOUS).status_code == 200


def test_a_signed_out_complainant_gives_name_and_a_valid_phone(published: TestClient,
                                                               db_url: str) -> None:
    client = published
    base = {"subject_kind": "hall", "content": "态度差"}
    for missing in ({}, {"name": "王五"}, {"phone": PHONE}):
        assert client.post(f"{API}/complaints", headers=ANONYMOUS,
                           json=base | missing).status_code == 422
    assert client.post(f"{API}/complaints", headers=ANONYMOUS,
                       json=base | {"name": "王五", "phone": "12345"}).status_code == 422
    signed_in = client.post(f"{API}/complaints", headers=APPLICANT, json=base)
    assert signed_in.status_code == 201, signed_in.text
    complain(client)
    db = Database(db_url, "intake")
    with db.session(write=False) as session:
        stored = " ".join(str(r) for r in session.execute(text("SELECT * FROM intake.complaint")))
    db.dispose()
    assert PHONE not in stored  # sealed, never in clear


def test_a_complaint_names_a_known_case_matter_or_department(published: TestClient) -> None:
    client = published
    application_id = filed(client)
    case_number = client.get(f"{API}/applications/{application_id}",
                             headers=APPLICANT).json()["case_number"]
    subjects = (("case", case_number), ("matter", CODE), ("department", PLANNING["code"]))
    for (kind, ref), supervisor in zip(subjects, (SUPERVISOR, SECOND, THIRD), strict=True):
        filed_ = complain(client, subject_kind=kind, subject_ref=ref)
        handled = client.get(f"{API}/complaints/{filed_['number']}/handling",
                             headers=supervisor).json()
        assert handled["department_code"] == PLANNING["code"], kind
    for kind, ref in (("case", "430103-20990101-00001"), ("matter", "nope"),
                      ("department", "11430100707230300G"), ("case", "")):
        assert client.post(f"{API}/complaints", headers=ANONYMOUS, json={
            "subject_kind": kind, "subject_ref": ref, "content": "x", "name": "王五",
            "phone": PHONE}).status_code == 422, kind


def test_complaints_go_to_the_least_loaded_supervisor(published: TestClient) -> None:
    client = published
    numbers = [complain(client)["number"] for _ in range(3)]
    assigned = [client.get(f"{API}/complaints/{n}/handling", headers=h).status_code
                for n, h in zip(numbers, (SUPERVISOR, SECOND, THIRD), strict=True)]
    assert assigned == [200, 200, 200]
    client.post(f"{API}/complaints/{numbers[1]}/accept", headers=SECOND)
    for step, body in (("answer", {"text": "已处理"}), ("close", None)):
        client.post(f"{API}/complaints/{numbers[1]}/{step}", headers=SECOND, json=body)
    # supervisor2's queue is empty again: the next complaint is theirs
    latest = complain(client)["number"]
    assert client.get(f"{API}/complaints/{latest}/handling", headers=SECOND).status_code == 200


def test_only_supervisors_handle_complaints(published: TestClient) -> None:
    client = published
    number = complain(client)["number"]
    for refused in (ANONYMOUS, APPLICANT, CLERK, PLANNING_APPROVER):
        assert client.get(f"{API}/complaints", headers=refused).status_code == 403
        assert client.post(f"{API}/complaints/{number}/accept",
                           headers=refused).status_code == 403
        assert client.get(f"{API}/complaints/{number}/handling",
                          headers=refused).status_code == 403
    assert client.post(f"{API}/complaints", json={}).status_code == 401


def test_timeliness_of_every_department(published: TestClient) -> None:
    client = published
    url = f"{API}/applications/{filed(client)}"
    client.post(f"{url}/accept", headers=CLERK)
    client.post(f"{url}/decision", headers=PLANNING_APPROVER, json={"decision": "approved"})
    filed(client)
    rows = client.get(f"{API}/oversight/timeliness", headers=LEAD).json()
    assert rows == [{"department_code": PLANNING["code"], "department_name": PLANNING["name"],
                     "decided": 1, "decided_on_time": 1, "on_time_share": 1.0,
                     "overdue_open": 0, "rectifications": 0, "rectifications_on_time": 0,
                     "rectifications_late": 0}]
    assert client.get(f"{API}/oversight/timeliness", headers=APPLICANT).status_code == 403
