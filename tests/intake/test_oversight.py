"""Least privilege in intake: supervisors oversee every case's metadata and timeliness, never
the applicant's note, files, notices or opinion; the system administrator sees no case."""

from fastapi.testclient import TestClient

from tests.conftest import token
from tests.intake.conftest import API, APPLICANT, CLERK, PLANNING_APPROVER, file_application

SUPERVISOR = token("supervisor", sub="supervisor-wu")
ADMIN = token("admin", sub="admin")
AUDITOR = token("audit_admin", sub="auditor")


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


def test_staff_reads_and_downloads_of_an_applicants_files_are_audited(
        published: TestClient) -> None:
    filed = file_application(published).json()
    url = f"{API}/applications/{filed['id']}"
    material = filed["materials"][0]["id"]
    assert published.get(url, headers=APPLICANT).status_code == 200  # their own: not audited
    from_window = token("clerk", sub="clerk-zhao", address="10.1.2.3")
    assert published.get(url, headers=from_window).status_code == 200
    assert published.get(f"{url}/materials/{material}", headers=from_window).status_code == 200
    assert published.get(url, headers=SUPERVISOR).status_code == 200
    trail = published.get(f"{API}/audit", headers=AUDITOR, params={"outcome": "succeeded"})
    reads = [(e["action"], e["actor"], e["role"]) for e in trail.json()["items"]
             if e["action"] in ("application.read", "material.downloaded")]
    assert reads == [("application.read", "supervisor-wu", "supervisor"),
                     ("material.downloaded", "clerk-zhao", "clerk"),
                     ("application.read", "clerk-zhao", "clerk")]
    download = next(e for e in trail.json()["items"] if e["action"] == "material.downloaded")
    assert download["address"] == "10.1.2.3" and download["entity_id"] == str(material)
    assert published.get(f"{API}/audit", headers=CLERK).status_code == 403


def test_a_supervisor_sees_neither_the_applicants_numbers_nor_more_than_an_initial(
        published: TestClient) -> None:
    person = {"kind": "person", "applicant_name": "张三丰", "id_number": "11010519491231002X",
              "phone": "13812345678"}
    filed = file_application(published, **person).json()
    listed = published.get(f"{API}/applications", headers=SUPERVISOR).json()
    seen = published.get(f"{API}/applications/{filed['id']}", headers=SUPERVISOR).json()
    for shown in (listed[0], seen):
        assert shown["applicant"] == {"kind": "person", "name": "张**", "id_number": None,
                                      "phone": None, "credit_code": None,
                                      "legal_representative": None}
    at_the_window = published.get(f"{API}/applications/{filed['id']}", headers=CLERK).json()
    assert at_the_window["applicant"]["id_number"] == "11010519491231002X"
