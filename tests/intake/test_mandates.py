"""Mandates are records: the enterprise grants, the butler accepts, either revokes; only an
active mandate in scope lets the butler file for the enterprise and see its applications."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text

from intake.models import audit
from kit.clock import china_today
from kit.db import Database
from tests.conftest import audit_actions, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    BUTLER,
    CLERK,
    CODE,
    ENTERPRISE,
    ENTERPRISE_ACCOUNT,
    file_application,
    mandated,
)

OTHER_BUTLER = token("butler", sub="butler-li")


def grant(client: TestClient, **terms: object) -> dict:
    body = {"butler": "butler-wang", "expires_on": "2099-12-31"} | terms
    response = client.post(f"{API}/mandates", headers=ENTERPRISE_ACCOUNT, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_granted_accepted_then_the_butler_files_as_agent_of_the_enterprise(
        published: TestClient, db_url: str) -> None:
    granted = grant(published, butler_name="王管家")
    assert (granted["status"], granted["all_matters"], granted["enterprise"]) == (
        "pending", True, ENTERPRISE)
    pending = file_application(published, BUTLER, on_behalf_of=ENTERPRISE)
    assert pending.status_code == 403
    assert "not accepted yet" in pending.json()["detail"]

    accepted = published.post(f"{API}/mandates/{granted['id']}/accept", headers=BUTLER)
    assert accepted.json()["status"] == "active"
    filed = file_application(published, BUTLER, on_behalf_of=ENTERPRISE)
    assert filed.status_code == 201, filed.text
    shown = filed.json()
    assert shown["applicant"]["kind"] == "enterprise"
    assert shown["applicant"]["name"] == "enterprise-zhizao"  # the enterprise, by its name
    assert (shown["agent"], shown["agent_name"]) == ("butler-wang", "butler-wang")
    assert published.get(f"{API}/applications/{shown['id']}",
                         headers=ENTERPRISE_ACCOUNT).json()["agent"] == "butler-wang"
    assert [m["id"] for m in published.get(f"{API}/mandates", headers=BUTLER).json()] == [
        granted["id"]]
    assert published.get(f"{API}/mandates", headers=OTHER_BUTLER).json() == []
    assert audit_actions(db_url, audit, entity="mandate", entity_id=str(granted["id"])) == [
        "mandate.granted", "mandate.accepted"]


def test_a_revoked_mandate_refuses_filing_and_hides_the_applications(
        published: TestClient, db_url: str) -> None:
    mandate = mandated(published)
    filed = file_application(published, BUTLER, on_behalf_of=ENTERPRISE).json()
    url = f"{API}/applications/{filed['id']}"
    assert published.get(url, headers=BUTLER).status_code == 200

    revoked = published.post(f"{API}/mandates/{mandate['id']}/revoke", headers=ENTERPRISE_ACCOUNT,
                             json={"reason": "项目结束"})
    assert (revoked.json()["status"], revoked.json()["revoked_by"]) == (
        "revoked", "enterprise-zhizao")
    refused = file_application(published, BUTLER, on_behalf_of=ENTERPRISE)
    assert refused.status_code == 403
    assert "was revoked" in refused.json()["detail"]
    assert published.get(url, headers=BUTLER).status_code == 404
    assert published.get(f"{API}/applications", headers=BUTLER).json() == []
    again = published.post(f"{API}/mandates/{mandate['id']}/revoke", headers=BUTLER, json={})
    assert again.status_code == 409
    assert audit_actions(db_url, audit, entity="mandate", entity_id=str(mandate["id"]))[-1] == (
        "mandate.revoked")


def test_the_butler_may_revoke_too_and_a_new_mandate_follows(published: TestClient) -> None:
    mandate = mandated(published)
    assert grant(published, butler="butler-li")["status"] == "pending"
    twice = published.post(f"{API}/mandates", headers=ENTERPRISE_ACCOUNT,
                           json={"butler": "butler-wang", "expires_on": "2099-12-31"})
    assert twice.status_code == 409
    revoked = published.post(f"{API}/mandates/{mandate['id']}/revoke", headers=BUTLER, json={})
    assert revoked.json()["revoked_by"] == "butler-wang"
    assert grant(published)["status"] == "pending"


def test_an_expired_mandate_refuses_filing_with_its_date(
        published: TestClient, db_url: str) -> None:
    mandate = mandated(published)
    past = china_today() - timedelta(days=1)
    db = Database(db_url, "intake")
    with db.session() as session:
        session.execute(text("UPDATE intake.mandate SET expires_on = :day WHERE id = :id"),
                        {"day": past, "id": mandate["id"]})
    db.dispose()
    refused = file_application(published, BUTLER, on_behalf_of=ENTERPRISE)
    assert refused.status_code == 403
    assert f"expired on {past.isoformat()}" in refused.json()["detail"]
    assert published.get(f"{API}/mandates", headers=BUTLER).json()[0]["status"] == "expired"
    assert published.post(f"{API}/mandates/{mandate['id']}/accept",
                          headers=BUTLER).status_code == 409


def test_a_mandate_for_listed_matters_covers_only_those(published: TestClient) -> None:
    other = "11430100707230200T4000117009000"
    unknown = published.post(f"{API}/mandates", headers=ENTERPRISE_ACCOUNT,
                             json={"butler": "butler-wang", "expires_on": "2099-12-31",
                                   "matters": [other]})
    assert unknown.status_code == 422  # only published matters are listed
    scoped = mandated(published, matters=[CODE])
    assert (scoped["all_matters"], scoped["matters"]) == (False, [CODE])
    assert file_application(published, BUTLER, on_behalf_of=ENTERPRISE).status_code == 201


def test_out_of_scope_says_so(published: TestClient, db_url: str) -> None:
    scoped = mandated(published, matters=[CODE])
    db = Database(db_url, "intake")
    with db.session() as session:  # the list names another matter only
        session.execute(text("UPDATE intake.mandate_matter SET implementation_code = 'X' "
                             "WHERE mandate_id = :id"), {"id": scoped["id"]})
    db.dispose()
    refused = file_application(published, BUTLER, on_behalf_of=ENTERPRISE)
    assert refused.status_code == 403
    assert f"does not cover matter {CODE}" in refused.json()["detail"]


def test_who_may_grant_accept_revoke_and_see(published: TestClient) -> None:
    body = {"butler": "butler-wang", "expires_on": "2099-12-31"}
    assert published.post(f"{API}/mandates", headers=APPLICANT, json=body).status_code == 403
    assert published.post(f"{API}/mandates", headers=BUTLER, json=body).status_code == 403
    assert published.post(f"{API}/mandates", headers=CLERK, json=body).status_code == 403
    assert published.get(f"{API}/mandates", headers=CLERK).status_code == 403
    past = published.post(f"{API}/mandates", headers=ENTERPRISE_ACCOUNT,
                          json=body | {"expires_on": "2020-01-01"})
    assert past.status_code == 422
    mandate = grant(published)
    url = f"{API}/mandates/{mandate['id']}"
    assert published.post(f"{url}/accept", headers=OTHER_BUTLER).status_code == 404
    assert published.post(f"{url}/accept", headers=ENTERPRISE_ACCOUNT).status_code == 403
    assert published.post(f"{url}/revoke", headers=OTHER_BUTLER, json={}).status_code == 404
    assert published.post(f"{url}/revoke", headers=APPLICANT, json={}).status_code == 404
    assert published.get(f"{API}/mandates", headers=APPLICANT).json() == []
    assert published.post(f"{url}/accept", headers=BUTLER).status_code == 200
    assert published.post(f"{url}/accept", headers=BUTLER).status_code == 409
    assert file_application(published, OTHER_BUTLER, on_behalf_of=ENTERPRISE).status_code == 403
