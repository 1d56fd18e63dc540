"""Joint handling (并联审批) across intake and review, their outbox relays delivering to each
other over in-process HTTP, on SQLite and on PostgreSQL: acceptance opens a sign-off per
co-handling department, each answers (seen by the others), the lead decides only after."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from intake.config import IntakeSettings
from intake.main import create_app as intake_app
from intake.main import deem_once
from intake.models import audit as intake_audit
from kit.clock import china_today
from kit.http import HostRoutingTransport
from review.config import ReviewSettings
from review.main import create_app as review_app
from review.main import escalate_once
from review.models import audit as review_audit
from tests.conftest import audit_actions, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    CLERK,
    HOUSING,
    PLANNING_APPROVER,
    deliver,
    file_application,
    matter_document,
)
from tests.review.conftest import wait_for

REVIEW = "/api/review/v1"
ECOLOGY = {"code": "11430100707230500U", "name": "生态环境局"}
HOUSING_APPROVER = token("approver", sub="approver-housing", department=HOUSING["code"])
ECOLOGY_APPROVER = token("approver", sub="approver-ecology", department=ECOLOGY["code"])
STRANGER = token("approver", sub="approver-health", department="114301007072307007")
SUPERVISOR = token("supervisor", sub="supervisor-wu")
CO_HANDLING = [HOUSING | {"step": "建设条件审查", "limit": 2},
               ECOLOGY | {"step": "生态保护红线审查", "limit": 3}]


@dataclass
class Platform:
    """Intake and review, each with its relay, reaching each other by host name."""

    intake: TestClient
    review: TestClient


@pytest.fixture
def platform(db_url: str, tmp_path: Path) -> Iterator[Platform]:
    """Both parts on the emptied test database, their events delivered to each other."""
    routes: dict[str, httpx.AsyncBaseTransport] = {}
    transport = HostRoutingTransport(routes)
    intake = intake_app(IntakeSettings(database_url=db_url, file_store=str(tmp_path / "files"),
                                       relay_interval=0.05), transport=transport)
    review = review_app(ReviewSettings(database_url=db_url, relay_interval=0.05),
                        transport=transport)
    routes["intake"], routes["review"] = httpx.ASGITransport(intake), httpx.ASGITransport(review)
    with TestClient(intake) as intake_client, TestClient(review) as review_client:
        yield Platform(intake_client, review_client)


def accepted(platform: Platform, co_handling: list[dict[str, Any]] | None = None) -> int:
    """The id of an application of a jointly handled matter, filed and accepted."""
    deliver(platform.intake, "matter_version.published", {"operation": "upsert", "matter":
            matter_document(co_handling_departments=co_handling or CO_HANDLING)})
    filed = file_application(platform.intake)
    assert filed.status_code == 201, filed.text
    application_id = int(filed.json()["id"])
    answer = platform.intake.post(f"{API}/applications/{application_id}/accept", headers=CLERK)
    assert answer.status_code == 200, answer.text
    return application_id


def sign_off_of(platform: Platform, headers: dict[str, str]) -> dict[str, Any]:
    """The one sign-off the caller sees, once review has opened it."""
    found = wait_for(lambda: platform.review.get(f"{REVIEW}/signoffs", headers=headers).json())
    assert len(found) == 1, found
    return dict(found[0])


def joint_of(platform: Platform, application_id: int, headers: dict[str, str],
             settled: int = 0) -> list[dict[str, Any]]:
    """The co-handling departments the application shows, once `settled` have an answer or
    are flagged."""
    def read() -> list[dict[str, Any]]:
        rows = platform.intake.get(f"{API}/applications/{application_id}",
                                   headers=headers).json()["joint"]
        done = [r for r in rows if r["state"] != "pending"]
        return rows if len(done) >= settled else []
    rows = wait_for(read)
    assert rows, "intake never learned the answers"
    return list(rows)


def decide(platform: Platform, application_id: int) -> httpx.Response:
    return platform.intake.post(f"{API}/applications/{application_id}/decision",
                                headers=PLANNING_APPROVER, json={"decision": "approved"})


def test_each_department_signs_off_seen_by_the_others_and_the_lead_decides_after(
        platform: Platform, db_url: str) -> None:
    application_id = accepted(platform)
    mine = sign_off_of(platform, HOUSING_APPROVER)
    assert mine["application_id"] == application_id and mine["state"] == "open"
    assert [(d["department_name"], d["step"], d["state"]) for d in mine["departments"]] == [
        ("住房和城乡建设局", "建设条件审查", "pending"),
        ("生态环境局", "生态保护红线审查", "pending")]
    committed = platform.intake.get(f"{API}/applications/{application_id}",
                                    headers=APPLICANT).json()["due_date"]
    assert all(d["deadline"] <= committed for d in mine["departments"])

    early = decide(platform, application_id)
    assert early.status_code == 409
    assert "住房和城乡建设局" in early.json()["detail"] and "生态环境局" in early.json()["detail"]
    shown = joint_of(platform, application_id, APPLICANT)
    assert [(d["department_name"], d["state"]) for d in shown] == [
        ("住房和城乡建设局", "pending"), ("生态环境局", "pending")]

    url = f"{REVIEW}/signoffs/{mine['id']}"
    conditions = "施工图须经消防设计审查合格后方可开工。"
    agreed = platform.review.post(f"{url}/answer", headers=HOUSING_APPROVER, json={
        "answer": "agreed_with_conditions", "remark": conditions})
    assert agreed.status_code == 200, agreed.text
    seen = platform.review.get(url, headers=ECOLOGY_APPROVER).json()
    assert seen["departments"][0]["state"] == "agreed_with_conditions"
    assert seen["departments"][0]["remark"] == conditions
    assert decide(platform, application_id).status_code == 409

    reasons = "项目选址涉及生态保护红线。"
    refused = platform.review.post(f"{url}/answer", headers=ECOLOGY_APPROVER,
                                   json={"answer": "refused", "remark": reasons})
    assert refused.status_code == 200 and refused.json()["state"] == "complete"

    lead_view = joint_of(platform, application_id, PLANNING_APPROVER, settled=2)
    assert [(d["state"], d["remark"]) for d in lead_view] == [
        ("agreed_with_conditions", conditions), ("refused", reasons)]
    applicant_view = joint_of(platform, application_id, APPLICANT, settled=2)
    assert [(d["state"], d["remark"]) for d in applicant_view] == [
        ("agreed_with_conditions", None), ("refused", None)]
    case = platform.intake.get(f"{API}/applications/{application_id}", headers=APPLICANT).json()
    public = platform.intake.get(f"{API}/progress/{case['case_number']}",
                                 params={"code": case["query_code"]},
                                 headers=token("public", sub="anonymous")).json()
    assert [(d["department_name"], d["state"], d["remark"]) for d in public["joint"]] == [
        ("住房和城乡建设局", "agreed_with_conditions", None), ("生态环境局", "refused", None)]
    assert decide(platform, application_id).status_code == 200
    assert "application.joint_opened" in audit_actions(
        db_url, intake_audit, entity="application", entity_id=str(application_id))
    assert audit_actions(db_url, review_audit, entity="sign_off", entity_id=str(mine["id"])) == [
        "signoff.opened", "signoff.answered", "signoff.answered"]


def test_a_deadline_let_pass_is_escalated_never_agreed_and_frees_the_decision(
        platform: Platform, db_url: str) -> None:
    application_id = accepted(platform)
    sign_off = sign_off_of(platform, SUPERVISOR)
    assert platform.review.post(f"{REVIEW}/signoffs/{sign_off['id']}/answer",
                                headers=HOUSING_APPROVER,
                                json={"answer": "agreed"}).status_code == 200
    assert decide(platform, application_id).status_code == 409

    later = china_today() + timedelta(days=30)
    assert escalate_once(platform.review.app, today=later) == [  # type: ignore[arg-type]
        (sign_off["id"], ECOLOGY["code"])]
    assert escalate_once(platform.review.app, today=later) == []  # type: ignore[arg-type]
    flagged = platform.review.get(f"{REVIEW}/signoffs/{sign_off['id']}",
                                  headers=PLANNING_APPROVER).json()
    assert flagged["overdue"] and flagged["state"] == "open"
    assert [(d["state"], d["escalated"]) for d in flagged["departments"]] == [
        ("agreed", False), ("overdue", True)]
    shown = joint_of(platform, application_id, PLANNING_APPROVER, settled=2)
    assert [d["state"] for d in shown] == ["agreed", "overdue"] and shown[1]["escalated"]
    assert decide(platform, application_id).status_code == 200
    assert "application.joint_overdue" in audit_actions(
        db_url, intake_audit, entity="application", entity_id=str(application_id))


def test_who_may_answer_and_how(platform: Platform) -> None:
    accepted(platform)
    sign_off = sign_off_of(platform, ECOLOGY_APPROVER)
    url = f"{REVIEW}/signoffs/{sign_off['id']}"
    assert platform.review.get(url, headers=STRANGER).status_code == 404
    assert platform.review.get(f"{REVIEW}/signoffs", headers=STRANGER).json() == []
    assert platform.review.get(f"{REVIEW}/signoffs", headers=APPLICANT).status_code == 403
    lead = platform.review.post(f"{url}/answer", headers=PLANNING_APPROVER,
                                json={"answer": "agreed"})
    assert lead.status_code == 403
    unexplained = platform.review.post(f"{url}/answer", headers=ECOLOGY_APPROVER,
                                       json={"answer": "refused", "remark": " "})
    assert unexplained.status_code == 422
    assert platform.review.post(f"{url}/answer", headers=SUPERVISOR,
                                json={"answer": "agreed"}).status_code == 403
    assert platform.review.post(f"{url}/answer", headers=ECOLOGY_APPROVER,
                                json={"answer": "agreed"}).status_code == 200
    again = platform.review.post(f"{url}/answer", headers=ECOLOGY_APPROVER,
                                 json={"answer": "refused", "remark": "改主意"})
    assert again.status_code == 409 and "already answered" in again.json()["detail"]


def test_a_matter_without_co_handling_departments_is_decided_at_once(
        platform: Platform) -> None:
    deliver(platform.intake, "matter_version.published",
            {"operation": "upsert", "matter": matter_document()})
    application_id = int(file_application(platform.intake).json()["id"])
    assert platform.intake.post(f"{API}/applications/{application_id}/accept",
                                headers=CLERK).status_code == 200
    assert platform.intake.get(f"{API}/applications/{application_id}",
                               headers=APPLICANT).json()["joint"] == []
    assert decide(platform, application_id).status_code == 200
    assert platform.review.get(f"{REVIEW}/signoffs", headers=SUPERVISOR).json() == []


def test_a_department_without_days_has_the_whole_committed_limit(platform: Platform) -> None:
    application_id = accepted(platform, [{"code": HOUSING["code"], "name": HOUSING["name"]}])
    shown = joint_of(platform, application_id, APPLICANT)
    due = platform.intake.get(f"{API}/applications/{application_id}",
                              headers=APPLICANT).json()["due_date"]
    assert [(d["step"], d["deadline"]) for d in shown] == [(None, due)]


def test_a_deemed_acceptance_opens_the_sign_off_too(platform: Platform) -> None:
    deliver(platform.intake, "matter_version.published", {"operation": "upsert", "matter":
            matter_document(co_handling_departments=CO_HANDLING)})
    application_id = int(file_application(platform.intake).json()["id"])
    later = china_today() + timedelta(days=20)
    assert deem_once(platform.intake.app, today=later) == [  # type: ignore[arg-type]
        application_id]
    sign_off = sign_off_of(platform, ECOLOGY_APPROVER)
    assert sign_off["application_id"] == application_id
    assert [d["department_name"] for d in sign_off["departments"]] == ["住房和城乡建设局",
                                                                        "生态环境局"]
