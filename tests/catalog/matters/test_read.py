"""A matter by code (the catalog's hot read, async on the read engine): every version's summary,
none of their standards; 404 for a department that may not see it; a database that dropped its
connections is not noticed."""

import re

import pytest
from fastapi.testclient import TestClient

from kit.db import is_sqlite
from tests.builders import EDITOR, OTHER_EDITOR, publish_new
from tests.conftest import terminate_reads, token

CODE = "430103-01-9001"
MATTER = f"/api/catalog/v1/matters/{CODE}"
SUPERVISOR = token("supervisor", sub="supervisor")
SUMMARY = {"version", "state", "effective_from", "updated_at", "updated_by", "submitted_at",
           "approved_at", "published_at", "findings"}


def test_a_matter_reads_with_every_version_summarized(client: TestClient) -> None:
    publish_new(client)
    client.post(f"{MATTER}/versions", headers=EDITOR)  # a second version, a draft

    matter = client.get(MATTER, headers=EDITOR).json()

    assert {k: matter[k] for k in ("implementation_code", "current_version", "latest_version",
                                   "latest_state", "cancelled")} == {
        "implementation_code": CODE, "current_version": 1, "latest_version": 2,
        "latest_state": "draft", "cancelled": False}
    assert [(v["version"], v["state"]) for v in matter["versions"]] == [
        (1, "published"), (2, "draft")]
    assert all(set(v) == SUMMARY for v in matter["versions"])  # never the standard
    assert re.search(r"(Z|\+00:00)$", matter["versions"][0]["published_at"])  # aware, UTC
    assert client.get(MATTER, headers=SUPERVISOR).json() == matter  # zone-wide


def test_a_matter_of_another_department_or_none_is_not_found(client: TestClient) -> None:
    publish_new(client)

    for headers, path in ((OTHER_EDITOR, MATTER), (EDITOR, MATTER + "-0")):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 404, path
        assert answer.headers["content-type"] == "application/problem+json"
    assert client.get(MATTER, headers=token("applicant", sub="zhang")).status_code == 403


def test_a_matter_is_still_read_after_the_database_drops_its_connections(
        client: TestClient, db_url: str) -> None:
    if is_sqlite(db_url):
        pytest.skip("PostgreSQL's connections")
    publish_new(client)
    first = client.get(MATTER, headers=EDITOR)

    assert terminate_reads(db_url, "catalog") >= 1
    again = client.get(MATTER, headers=EDITOR)

    assert (again.status_code, again.json()) == (200, first.json())
