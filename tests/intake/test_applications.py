"""Filing applications and following them: what applicants, butlers, clerks and approvers see."""

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from intake import service
from intake.models import audit
from tests.conftest import audit_actions, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    BUTLER,
    CLERK,
    CODE,
    ENTERPRISE,
    ENTERPRISE_ACCOUNT,
    OTHER_APPLICANT,
    PLANNING_APPROVER,
    deliver,
    file_application,
    filed,
    mandated,
    pdf,
    publish,
)


def test_an_application_goes_from_filing_to_approval(published: TestClient, db_url: str) -> None:
    client = published
    response = file_application(client, files=[pdf(), pdf("出让合同.pdf", b"%PDF contract")],
                                note="天心区一期地块")
    assert response.status_code == 201, response.text
    application = response.json()
    assert application["state"] == "submitted"
    assert application["matter"]["name"] == "建设用地规划许可证核发"
    assert [m["filename"] for m in application["materials"]] == ["申请表.pdf", "出让合同.pdf"]
    assert application["due_date"] is None  # the clock starts at acceptance
    url = f"{API}/applications/{application['id']}"

    accepted = client.post(f"{url}/accept", headers=CLERK)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["state"] == "accepted"
    assert date.fromisoformat(accepted.json()["due_date"]) > date.today()

    decided = client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                          json={"decision": "approved", "opinion": "符合法定条件，准予许可。"})
    assert decided.status_code == 200, decided.text

    seen = client.get(url, headers=APPLICANT).json()
    assert seen["state"] == "approved"
    assert seen["decision"]["result_name"] == "建设用地规划许可证"
    assert seen["decision"]["decided_by"] == "approver-planning"
    assert [h["to_state"] for h in seen["history"]] == ["submitted", "accepted", "approved"]
    assert audit_actions(db_url, audit, entity="application",
                         entity_id=str(application["id"])) == [
        "application.file", "application.clock_started", "application.accept",
        "application.decide"]


def test_the_due_date_skips_the_weekend(client: TestClient,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    publish(client, committed_limit=1)
    application_id = filed(client)
    friday_morning_in_changsha = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
    monkeypatch.setattr(service, "now", lambda: friday_morning_in_changsha)
    accepted = client.post(f"{API}/applications/{application_id}/accept", headers=CLERK).json()
    assert accepted["due_date"] == "2026-11-30"  # the Monday after


def test_an_applicant_sees_only_their_own_applications(published: TestClient) -> None:
    client = published
    mine = filed(client)
    url = f"{API}/applications/{mine}"
    material_id = client.get(url, headers=APPLICANT).json()["materials"][0]["id"]

    assert client.get(url, headers=OTHER_APPLICANT).status_code == 404
    assert client.get(f"{url}/materials/{material_id}",
                      headers=OTHER_APPLICANT).status_code == 404
    assert client.get(f"{API}/applications", headers=OTHER_APPLICANT).json() == []
    assert [a["id"] for a in client.get(f"{API}/applications", headers=APPLICANT).json()] == [
        mine]
    assert client.get(f"{API}/applications/999999", headers=APPLICANT).status_code == 404


def test_the_clerk_sees_the_whole_queue_filtered_by_state(published: TestClient) -> None:
    client = published
    first, second = filed(client), filed(client, OTHER_APPLICANT)
    client.post(f"{API}/applications/{first}/accept", headers=CLERK)

    queue = client.get(f"{API}/applications", params={"state": "submitted"}, headers=CLERK)
    assert [a["id"] for a in queue.json()] == [second]
    assert client.get(f"{API}/applications", params={"state": "lost"},
                      headers=CLERK).status_code == 422


def test_the_queue_of_a_window_pages_by_keyset(published: TestClient) -> None:
    """The window is the pinned version's, copied at filing; `before` continues the queue."""
    client = published
    ids = [filed(client), filed(client, OTHER_APPLICANT), filed(client)]

    def queue(**params: object) -> list[int]:
        answer = client.get(f"{API}/applications", headers=CLERK,
                            params={"state": "submitted", **params})
        assert answer.status_code == 200, answer.text
        return [a["id"] for a in answer.json()]

    newest_first = ids[::-1]
    assert queue(window="planning") == newest_first
    assert queue(window="industry") == []
    assert queue(window="planning", limit=2) == newest_first[:2]
    assert queue(window="planning", limit=2, before=newest_first[1]) == newest_first[2:]
    assert queue(before=min(ids)) == []
    assert client.get(f"{API}/applications", params={"before": 0},
                      headers=CLERK).status_code == 422


def test_a_butler_files_for_its_mandator_and_the_enterprise_sees_it(
        published: TestClient) -> None:
    client = published
    mandated(client)
    response = file_application(client, BUTLER, on_behalf_of=ENTERPRISE)
    assert response.status_code == 201, response.text
    assert response.json()["enterprise"] == ENTERPRISE
    url = f"{API}/applications/{response.json()['id']}"

    assert client.get(url, headers=ENTERPRISE_ACCOUNT).status_code == 200
    assert client.get(url, headers=token("butler", sub="butler-other")).status_code == 404


def test_nobody_files_for_an_enterprise_they_do_not_represent(published: TestClient) -> None:
    client = published
    stranger = "114301007072304006"  # a valid code, but not a mandator
    assert file_application(client, BUTLER, on_behalf_of=stranger).status_code == 403
    assert file_application(client, on_behalf_of=ENTERPRISE).status_code == 403
    assert file_application(client, BUTLER).status_code == 422  # a butler must say for whom
    assert file_application(client, BUTLER, on_behalf_of="not-a-code").status_code == 422
    assert client.get(f"{API}/applications", headers=CLERK).json() == []


def test_an_enterprise_account_files_for_its_own_enterprise(published: TestClient) -> None:
    response = file_application(published, ENTERPRISE_ACCOUNT)
    assert response.status_code == 201
    assert response.json()["enterprise"] == ENTERPRISE


def test_bad_filings_are_refused_with_a_reason(published: TestClient) -> None:
    client = published
    empty = file_application(client, files=[pdf("空白.pdf", b"")])
    assert empty.status_code == 422
    assert "empty" in empty.json()["detail"]
    assert file_application(client, files=[]).status_code == 422
    assert file_application(client, implementation_code="NO-SUCH-MATTER").status_code == 422
    assert file_application(client, note="备注\x00").status_code == 422
    assert client.post(f"{API}/applications", headers=APPLICANT,
                       json={"implementation_code": CODE}).status_code == 422
    assert file_application(client, CLERK).status_code == 403
    assert file_application(client, {}).status_code == 401
    assert client.get(f"{API}/applications", headers=CLERK).json() == []


def test_a_cancelled_matter_takes_no_new_applications(published: TestClient) -> None:
    client = published
    running = filed(client)
    deliver(client, "matter.cancelled", {"implementation_code": CODE, "version": 1,
                                         "cancelled_at": "2026-11-26T10:00:00+08:00"})

    refused = file_application(client)
    assert refused.status_code == 422
    assert "not open" in refused.json()["detail"]
    assert client.get(f"{API}/matters", headers=APPLICANT).json() == []
    accepted = client.post(f"{API}/applications/{running}/accept", headers=CLERK)
    assert accepted.json()["state"] == "accepted"  # cases already filed go on
