"""Least privilege in intake: supervisors oversee every case's metadata and timeliness, never
the applicant's note, files, notices or opinion; the system administrator sees no case."""

from fastapi.testclient import TestClient

from tests.conftest import token
from tests.intake.conftest import API, APPLICANT, CLERK, PLANNING_APPROVER, file_application

SUPERVISOR = token("supervisor", sub="supervisor-wu")
ADMIN = token("admin", sub="admin")


def test_a_supervisor_sees_metadata_and_timeliness_but_no_personal_file(
        published: TestClient) -> None:
    filed = file_application(published, note="家住天心区某路 12 号，电话 139…").json()
    url = f"{API}/applications/{filed['id']}"
    assert published.post(f"{url}/accept", headers=CLERK).status_code == 200
    assert published.post(f"{url}/decision", headers=PLANNING_APPROVER, json={
        "decision": "rejected", "opinion": "申请人张三的出让合同已过期"}).status_code == 200

    listed = published.get(f"{API}/applications", headers=SUPERVISOR).json()
    seen = published.get(url, headers=SUPERVISOR).json()
    for shown in (listed[0], seen):
        assert shown["state"] == "rejected" and shown["due_date"] is not None
        assert shown["note"] is None and shown["materials"] == []
        assert shown["decision"]["opinion"] is None
        assert shown["applicant_name"] != filed["applicant_name"]
    assert seen["applicant_sub"] == "" and seen["corrections"] == []
    assert [h["to_state"] for h in seen["history"]] == ["submitted", "accepted", "rejected"]
    material = filed["materials"][0]["id"]
    download = published.get(f"{url}/materials/{material}", headers=SUPERVISOR)
    assert download.status_code == 403 and b"%PDF" not in download.content
    # The applicant and the window still see everything.
    assert published.get(url, headers=APPLICANT).json()["note"].startswith("家住")
    assert published.get(f"{url}/materials/{material}", headers=CLERK).status_code == 200


def test_the_system_administrator_sees_no_application(published: TestClient) -> None:
    filed = file_application(published).json()
    assert published.get(f"{API}/applications", headers=ADMIN).status_code == 403
    assert published.get(f"{API}/applications/{filed['id']}", headers=ADMIN).status_code == 403
