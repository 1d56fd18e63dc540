"""Versions of a matter through the API: cancelling one, reading the history and documents."""

from fastapi.testclient import TestClient
from sqlalchemy import text

from kit.db import Database
from tests.builders import EDITOR, OTHER_EDITOR, follow, publish_new, version_states
from tests.conftest import token

CODE = "430103-01-9001"
MATTER = f"/api/catalog/v1/matters/{CODE}"
REVIEWER = token("reviewer", sub="reviewer", group="G1")


def test_an_editor_cancels_a_draft_and_may_draft_again(client: TestClient, db_url: str) -> None:
    publish_new(client)
    assert client.post(f"{MATTER}/versions", headers=EDITOR).status_code == 201
    assert client.post(f"{MATTER}/versions/2/cancel",
                       headers=OTHER_EDITOR).status_code == 404
    assert client.post(f"{MATTER}/versions/2/cancel", headers=REVIEWER).status_code == 403
    cancelled = client.post(f"{MATTER}/versions/2/cancel", headers=EDITOR)
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    again = client.post(f"{MATTER}/versions/2/cancel", headers=EDITOR)
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert client.post(f"{MATTER}/versions/1/cancel", headers=EDITOR).status_code == 409
    assert client.get(MATTER, headers=EDITOR).json()["current_version"] == 1
    assert client.post(f"{MATTER}/versions", headers=EDITOR).json()["version"] == 3
    assert version_states(client, CODE) == ["published", "cancelled", "draft"]
    assert follow(client) == [("upsert", CODE, 1)]
    db = Database(db_url, "catalog")
    with db.session(write=False) as s:
        audited = s.execute(text(
            "SELECT actor, before, after FROM catalog.audit_entry "
            "WHERE action = 'version.cancelled' AND entity_id = :id"),
            {"id": f"{CODE}/2"}).all()
    db.dispose()
    assert len(audited) == 1 and audited[0][0] == "editor"


def test_history_and_documents_are_read_by_editors_and_reviewers_only(client: TestClient) -> None:
    publish_new(client)
    client.post(f"{MATTER}/versions", headers=EDITOR)
    listed = client.get(f"{MATTER}/versions", headers=REVIEWER)
    assert listed.status_code == 200
    assert [(v["version"], v["state"]) for v in listed.json()] == [(1, "published"),
                                                                   (2, "draft")]
    assert client.get(f"{MATTER}/versions", headers=OTHER_EDITOR).status_code == 404
    assert client.get(f"{MATTER}/versions",
                      headers=token("applicant", sub="zhang")).status_code == 403
    assert client.get(f"{MATTER}/versions").status_code == 401
    document = client.get(f"{MATTER}/versions/1/document", headers=REVIEWER).json()
    assert document["version"] == 1 and document["published_at"]
    assert document["conditions"] == ["已取得建设项目批准文件"]
    draft = client.get(f"{MATTER}/versions/2/document", headers=EDITOR).json()
    assert draft["version"] == 2 and draft["published_at"] is None
    assert client.get(f"{MATTER}/versions/9/document", headers=EDITOR).status_code == 404
