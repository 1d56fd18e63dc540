"""`Idempotency-Key` on filings: a retry gets the first answer and files nothing new."""

from fastapi.testclient import TestClient

from tests.intake.conftest import API, APPLICANT, CLERK, OTHER_APPLICANT, file_application


def test_a_retried_idempotency_key_returns_the_first_application(published: TestClient) -> None:
    client = published
    headers = APPLICANT | {"Idempotency-Key": "7f0c6c3e-filing-1"}
    first = file_application(client, headers)
    again = file_application(client, headers)
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert first.status_code == 201
    assert len(client.get(f"{API}/applications", headers=CLERK).json()) == 1

    changed = file_application(client, headers, note="另一份申请")
    assert changed.status_code == 422
    other_subject = file_application(client, OTHER_APPLICANT | {"Idempotency-Key":
                                                                "7f0c6c3e-filing-1"})
    assert other_subject.status_code == 201
    assert other_subject.json()["id"] != first.json()["id"]
