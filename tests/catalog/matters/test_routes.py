"""The catalog API as a department editor uses it: draft, edit, submit, publish."""

from fastapi.testclient import TestClient

from tests.builders import (
    EDITOR,
    OTHER_EDITOR,
    conclude,
    outbox_events,
    publish_new,
    standard,
)
from tests.conftest import token

CODE = "430103-01-9001"
MATTERS = "/api/catalog/v1/matters"


def test_editor_drafts_a_matter_and_reads_it_back(client: TestClient) -> None:
    created = client.post(MATTERS, json=standard(), headers=EDITOR)
    assert created.status_code == 201, created.text
    assert created.json()["state"] == "draft" and created.json()["version"] == 1
    listed = client.get(MATTERS, params={"q": "临时建设"}, headers=EDITOR).json()
    assert [m["implementation_code"] for m in listed["items"]] == [CODE]
    assert listed["items"][0]["latest_state"] == "draft"


def test_invalid_standard_is_refused_with_field_errors_and_nothing_saved(
        client: TestClient) -> None:
    bad = standard(committed_limit=30, name="")
    response = client.post(MATTERS, json=bad, headers=EDITOR)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert any(e["loc"][-1] == "name" for e in response.json()["errors"])
    assert client.get(MATTERS, headers=EDITOR).json()["total"] == 0


def test_editor_cannot_write_or_see_another_departments_matters(client: TestClient) -> None:
    assert client.post(MATTERS, json=standard(), headers=OTHER_EDITOR).status_code == 422
    client.post(MATTERS, json=standard(), headers=EDITOR)
    assert client.get(f"{MATTERS}/{CODE}", headers=OTHER_EDITOR).status_code == 404
    assert client.get(MATTERS, headers=OTHER_EDITOR).json()["total"] == 0


def test_tokens_and_roles_are_checked(client: TestClient) -> None:
    assert client.get(MATTERS).status_code == 401
    assert client.get(MATTERS, headers={"Authorization": "Bearer forged"}).status_code == 401
    assert client.post(MATTERS, json=standard(),
                       headers=token("applicant", sub="zhang")).status_code == 403


def test_duplicate_implementation_code_conflicts(client: TestClient) -> None:
    client.post(MATTERS, json=standard(), headers=EDITOR)
    assert client.post(MATTERS, json=standard(), headers=EDITOR).status_code == 409


def test_edits_need_the_current_etag(client: TestClient) -> None:
    etag = client.post(MATTERS, json=standard(), headers=EDITOR).headers["etag"]
    url = f"{MATTERS}/{CODE}/versions/1"
    changed = standard(name="临时建设工程规划许可")
    assert client.put(url, json=changed, headers=EDITOR).status_code == 428
    saved = client.put(url, json=changed, headers={**EDITOR, "If-Match": etag})
    assert saved.status_code == 200 and saved.headers["etag"] != etag
    stale = client.put(url, json=standard(), headers={**EDITOR, "If-Match": etag})
    assert stale.status_code == 412
    assert client.get(url, headers=EDITOR).json()["standard"]["name"] == "临时建设工程规划许可"


def test_submission_emits_an_event_for_review(client: TestClient, db_url: str) -> None:
    client.post(MATTERS, json=standard(), headers=EDITOR)
    submitted = client.post(f"{MATTERS}/{CODE}/versions/1/submit", headers=EDITOR)
    assert submitted.json()["state"] == "submitted"
    moves = [(p["from_state"], p["to_state"], d) for t, d, p in outbox_events(db_url)
             if t == "matter_version.state_changed"]
    events = [e for e in outbox_events(db_url) if e[0] != "matter_version.state_changed"]
    assert [(t, d) for t, d, _ in events] == [("matter_version.submitted", "review")]
    assert events[0][2]["standard"]["name"] == "临时建设工程规划许可证核发"
    assert moves == [(None, "draft", "publish"), ("draft", "submitted", "publish")]
    again = client.post(f"{MATTERS}/{CODE}/versions/1/submit", headers=EDITOR)
    assert again.status_code == 409


def test_returned_version_can_be_edited_and_resubmitted(client: TestClient) -> None:
    client.post(MATTERS, json=standard(), headers=EDITOR)
    client.post(f"{MATTERS}/{CODE}/versions/1/submit", headers=EDITOR)
    conclude(client, CODE, 1, decision="returned")
    version = client.get(f"{MATTERS}/{CODE}/versions/1", headers=EDITOR)
    assert version.json()["state"] == "returned"
    assert version.json()["feedback"]["summary"] == "材料表述清晰"
    assert client.post(f"{MATTERS}/{CODE}/versions/1/publish",
                       headers=EDITOR).status_code == 409
    assert client.post(f"{MATTERS}/{CODE}/versions/1/submit",
                       headers=EDITOR).status_code == 200


def test_review_outcome_applies_once_even_when_redelivered(client: TestClient) -> None:
    client.post(MATTERS, json=standard(), headers=EDITOR)
    client.post(f"{MATTERS}/{CODE}/versions/1/submit", headers=EDITOR)
    conclude(client, CODE, 1, event_id="evt-1")
    conclude(client, CODE, 1, decision="returned", event_id="evt-1")
    assert client.get(f"{MATTERS}/{CODE}/versions/1",
                      headers=EDITOR).json()["state"] == "approved"


def test_publishing_supersedes_the_previous_version_and_tells_publish_and_intake(
        client: TestClient, db_url: str) -> None:
    publish_new(client)
    draft = client.post(f"{MATTERS}/{CODE}/versions", headers=EDITOR)
    assert draft.status_code == 201 and draft.json()["version"] == 2
    assert client.post(f"{MATTERS}/{CODE}/versions", headers=EDITOR).status_code == 409
    client.put(f"{MATTERS}/{CODE}/versions/2", json=standard(committed_limit=3),
               headers={**EDITOR, "If-Match": draft.headers["etag"]})
    client.post(f"{MATTERS}/{CODE}/versions/2/submit", headers=EDITOR)
    conclude(client, CODE, 2)
    client.post(f"{MATTERS}/{CODE}/versions/2/publish", headers=EDITOR)
    matter = client.get(f"{MATTERS}/{CODE}", headers=EDITOR).json()
    assert matter["current_version"] == 2
    assert [v["state"] for v in matter["versions"]] == ["superseded", "published"]
    published = [(d, p["matter"]["version"]) for t, d, p in outbox_events(db_url)
                 if t == "matter_version.published"]
    assert sorted(published) == [("intake", 1), ("intake", 2), ("publish", 1), ("publish", 2)]


def test_a_new_draft_starts_from_the_published_version_not_an_abandoned_draft(
        client: TestClient) -> None:
    publish_new(client)
    draft = client.post(f"{MATTERS}/{CODE}/versions", headers=EDITOR)
    client.put(f"{MATTERS}/{CODE}/versions/2", json=standard(name="被放弃的草稿"),
               headers={**EDITOR, "If-Match": draft.headers["etag"]})
    assert client.post(f"{MATTERS}/{CODE}/versions/2/cancel",
                       headers=EDITOR).status_code == 200
    fresh = client.post(f"{MATTERS}/{CODE}/versions", headers=EDITOR).json()
    assert fresh["version"] == 3
    assert fresh["standard"]["name"] == "临时建设工程规划许可证核发"


def test_a_matter_name_of_211_characters_is_refused_where_it_enters(client: TestClient) -> None:
    refused = client.post(MATTERS, json=standard(name="长" * 211), headers=EDITOR)
    assert refused.status_code == 422, refused.text
    assert any(e["loc"][-1] == "name" for e in refused.json()["errors"])
    assert client.get(MATTERS, headers=EDITOR).json()["items"] == []
