"""Service guides: the whole current document, cached by ETag; 401 and 404 as the public sees."""

import pytest
from fastapi.testclient import TestClient

from kit.db import is_sqlite
from tests.conftest import terminate_reads
from tests.publish.conftest import VISITOR, Publish, matter_document

CODE = "11430100707230200T-XK-0001"
GUIDE = f"/api/publish/v1/guides/{CODE}"


def test_every_endpoint_needs_a_token(client: TestClient, publish: Publish) -> None:
    publish(matter_document(CODE))

    for path in ("power-list", "responsibility-list", "process-list", "departments",
                 "statistics", f"guides/{CODE}"):
        response = client.get(f"/api/publish/v1/{path}")
        assert response.status_code == 401, path
        assert response.headers["content-type"] == "application/problem+json"


def test_an_unknown_guide_is_not_found(client: TestClient) -> None:
    response = client.get("/api/publish/v1/guides/NO-SUCH-MATTER", headers=VISITOR)

    assert response.status_code == 404
    assert response.json()["status"] == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_the_guide_is_revalidated_by_its_etag(client: TestClient, publish: Publish) -> None:
    publish(matter_document(CODE))
    etag = client.get(GUIDE, headers=VISITOR).headers["etag"]

    unchanged = client.get(GUIDE, headers={**VISITOR, "If-None-Match": etag})
    publish(matter_document(CODE, version=2))
    changed = client.get(GUIDE, headers={**VISITOR, "If-None-Match": etag})

    assert (unchanged.status_code, unchanged.content, unchanged.headers["etag"]) == (304, b"", etag)
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert changed.json()["version"] == 2


def test_a_weak_or_listed_etag_also_matches(client: TestClient, publish: Publish) -> None:
    publish(matter_document(CODE))
    etag = client.get(GUIDE, headers=VISITOR).headers["etag"]

    response = client.get(GUIDE, headers={**VISITOR, "If-None-Match": f'"other", W/{etag}'})

    assert response.status_code == 304


def test_extra_document_fields_reach_the_guide(client: TestClient, publish: Publish) -> None:
    contacts = [{"name": "监督投诉窗口", "phone": "0731-85000000"}]
    publish(matter_document(CODE, complaint_contacts=contacts, handling_item_code="0001"))

    guide = client.get(GUIDE, headers=VISITOR).json()

    assert guide["complaint_contacts"] == contacts
    assert guide["handling_item_code"] == "0001"


def test_the_guide_is_sent_as_stored_at_publication_and_caches_may_keep_it(
        client: TestClient, publish: Publish) -> None:
    publish(matter_document(CODE))

    first = client.get(GUIDE, headers=VISITOR)
    again = client.get(GUIDE, headers=VISITOR)

    assert first.content == again.content and first.headers["etag"] == again.headers["etag"]
    assert first.headers["etag"].startswith('"v1-')  # strong: the version and a digest
    assert first.headers["cache-control"] == "public, max-age=10, stale-while-revalidate=60"
    assert first.json()["department_name"] == "自然资源和规划局"
    assert first.json()["hall_window"] is None


def test_the_same_publication_delivered_again_keeps_the_etag(
        client: TestClient, publish: Publish) -> None:
    publish(matter_document(CODE))
    etag = client.get(GUIDE, headers=VISITOR).headers["etag"]

    publish(matter_document(CODE))  # the same version, sent again under a new event id

    assert client.get(GUIDE, headers={**VISITOR, "If-None-Match": etag}).status_code == 304


def test_the_guide_is_still_read_after_the_database_drops_its_connections(
        client: TestClient, publish: Publish, db_url: str) -> None:
    if is_sqlite(db_url):
        pytest.skip("PostgreSQL's connections")
    publish(matter_document(CODE))
    first = client.get(GUIDE, headers=VISITOR)

    assert terminate_reads(db_url, "publish") >= 1  # a restart, or a proxy cutting idle ones
    again = client.get(GUIDE, headers=VISITOR)

    assert (again.status_code, again.content) == (200, first.content)
