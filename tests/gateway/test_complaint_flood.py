"""The public complaint door cannot be flooded: a per-address budget, by API and by page."""

from fastapi.testclient import TestClient

from gateway.config import GatewaySettings
from gateway.main import create_app

COMPLAINT = {"subject_kind": "hall", "content": "窗口排队太久。", "name": "王五",
             "phone": "13812345678"}


def test_one_address_files_only_so_many_complaints_an_hour(db_url: str) -> None:
    settings = GatewaySettings(database_url=db_url, complaints_per_hour=2)
    with TestClient(create_app(settings)) as client:
        answers = [client.post("/api/intake/v1/complaints", json=COMPLAINT) for _ in range(3)]
        page = client.post("/complaints/new", data=COMPLAINT)
    assert [a.status_code for a in answers] == [201, 201, 429]
    assert int(answers[-1].headers["retry-after"]) > 60
    assert answers[-1].headers["content-type"] == "application/problem+json"
    assert answers[0].json()["number"].startswith("430103-TS-")
    assert page.status_code == 429 and "提交太频繁" in page.text
