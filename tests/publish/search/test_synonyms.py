"""The synonyms an administrator keeps: list, add, change, delete, audited; others get 403."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from publish.models import audit
from tests.conftest import audit_actions, token
from tests.publish.conftest import VISITOR

ADMIN = token("admin", sub="admin")
PATH = "/api/publish/v1/search/synonyms"
NOT_ADMINS = ["public", "applicant", "clerk", "editor", "approver", "reviewer", "lead",
              "publisher", "supervisor", "leader", "guidance"]


def add(client: TestClient, term: str = "营业执照", targets: list[str] | None = None) -> Any:
    return client.post(PATH, headers=ADMIN,
                       json={"term": term, "targets": targets or ["企业设立登记", "公司注册"]})


def test_an_administrator_adds_changes_lists_and_deletes(client: TestClient, db_url: str) -> None:
    added = add(client).json()
    changed = client.put(f"{PATH}/{added['id']}", headers=ADMIN,
                         json={"term": " 营业执照 ", "targets": ["企业设立登记"]})
    listed = client.get(PATH, headers=ADMIN).json()["items"]
    deleted = client.delete(f"{PATH}/{added['id']}", headers=ADMIN)

    assert changed.status_code == 200 and changed.json()["term"] == "营业执照"
    assert [(s["term"], s["targets"]) for s in listed] == [("营业执照", ["企业设立登记"])]
    assert deleted.status_code == 204 and client.get(PATH, headers=ADMIN).json()["items"] == []
    assert audit_actions(db_url, audit, entity="search_synonym", entity_id=str(added["id"])) == [
        "search_synonym.added", "search_synonym.changed", "search_synonym.deleted"]


def test_a_word_has_one_synonym_entry(client: TestClient) -> None:
    add(client)
    again = add(client, "营业执照")

    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("body", [
    {"term": "", "targets": ["企业设立登记"]}, {"term": "  ", "targets": ["企业设立登记"]},
    {"term": "营业执照", "targets": []}, {"term": "营业执照", "targets": [" "]},
    {"term": "营业执照", "targets": ["营业执照"]}, {"term": "营业执照", "targets": ["a", "a"]},
    {"term": "x" * 31, "targets": ["a"]}, {"term": "营业执照", "targets": ["a"] * 11},
    {"term": "营业\x00", "targets": ["a"]}, {"term": "营业执照", "targets": ["a"], "x": 1},
    {"targets": ["a"]}])
def test_bad_synonyms_are_refused_as_problems(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post(PATH, headers=ADMIN, json=body)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_an_unknown_synonym_is_404(client: TestClient) -> None:
    body = {"term": "开饭店", "targets": ["食品经营许可"]}

    assert client.put(f"{PATH}/999", headers=ADMIN, json=body).status_code == 404
    assert client.delete(f"{PATH}/999", headers=ADMIN).status_code == 404


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_only_administrators_keep_synonyms(client: TestClient, role: str) -> None:
    caller = VISITOR if role == "public" else token(role)
    body = {"term": "开饭店", "targets": ["食品经营许可"]}

    assert client.get(PATH, headers=caller).status_code == 403
    assert client.post(PATH, headers=caller, json=body).status_code == 403
    assert client.put(f"{PATH}/1", headers=caller, json=body).status_code == 403
    assert client.delete(f"{PATH}/1", headers=caller).status_code == 403
    assert client.get("/api/publish/v1/search", headers=caller).status_code == 200
