"""Acceptance on the law's clock: 不予受理 with its reasons, the correction period, the one-time
notice meaning once, and deemed acceptance when five working days pass (art. 32)."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake import acceptance
from intake.clock import due_date
from intake.main import deem_once
from intake.models import audit
from kit.clock import china_date
from tests.conftest import audit_actions, token
from tests.intake import files
from tests.intake.conftest import (
    API,
    APPLICANT,
    CLERK,
    CODE,
    HOUSING_APPROVER,
    PLANNING_APPROVER,
    filed,
)

ADMIN = token("admin", sub="admin-sun")
OUTSIDE = {"ground": "outside_competence", "reason": "申请事项不属于本部门职权范围",
           "legal_basis": "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
           "competent_body": "长沙市天心区住房和城乡建设局"}
NOTICE = {"items": [{"material": "国有建设用地使用权出让合同", "reason": "未提交"}]}


def test_the_clerk_refuses_acceptance_with_reason_basis_and_competent_body(
        published: TestClient, db_url: str) -> None:
    url = f"{API}/applications/{filed(published)}"
    refused = published.post(f"{url}/non-acceptance", headers=CLERK, json=OUTSIDE)
    assert refused.status_code == 200, refused.text
    seen = published.get(url, headers=APPLICANT).json()
    assert seen["state"] == "not_accepted"
    assert seen["non_acceptance"]["competent_body"] == "长沙市天心区住房和城乡建设局"
    assert seen["non_acceptance"]["legal_basis"].startswith("《中华人民共和国行政许可法》")
    assert [h["to_state"] for h in seen["history"]] == ["submitted", "not_accepted"]
    assert "application.not_accept" in audit_actions(db_url, audit, entity="application",
                                                     entity_id=str(seen["id"]))
    again = published.post(f"{url}/non-acceptance", headers=CLERK, json=OUTSIDE)
    assert again.status_code == 409
    assert published.post(f"{url}/accept", headers=CLERK).status_code == 409


def test_outside_competence_needs_the_competent_body_and_every_ground_a_basis(
        published: TestClient) -> None:
    url = f"{API}/applications/{filed(published)}/non-acceptance"
    nameless = published.post(url, headers=CLERK, json=OUTSIDE | {"competent_body": " "})
    assert nameless.status_code == 422
    assert nameless.headers["content-type"].startswith("application/problem+json")
    no_basis = {"ground": "other", "reason": "申请人隐瞒有关情况", "legal_basis": ""}
    assert published.post(url, headers=CLERK, json=no_basis).status_code == 422
    other = no_basis | {"legal_basis": "《中华人民共和国行政许可法》第七十八条"}
    assert published.post(url, headers=CLERK, json=other).status_code == 200


def test_only_the_window_refuses_acceptance(published: TestClient) -> None:
    url = f"{API}/applications/{filed(published)}/non-acceptance"
    for headers in (APPLICANT, PLANNING_APPROVER, HOUSING_APPROVER, ADMIN):
        assert published.post(url, headers=headers, json=OUTSIDE).status_code == 403


def test_a_notice_gives_the_applicant_a_correction_deadline_and_pauses_the_clock(
        published: TestClient) -> None:
    url = f"{API}/applications/{filed(published)}"
    noticed = published.post(f"{url}/corrections", headers=CLERK, json=NOTICE).json()
    deadline = date.fromisoformat(noticed["correction_deadline"])
    assert deadline == _received(noticed) + timedelta(days=30)
    kinds = [(e["kind"], e["cause"]) for e in noticed["ledger"]]
    assert kinds == [("received", None), ("paused", "correction")]


def test_an_administrator_sets_a_matters_correction_period(published: TestClient) -> None:
    period = f"{API}/matters/{CODE}/correction-period"
    assert published.put(period, headers=CLERK, json={"days": 15}).status_code == 403
    assert published.put(f"{API}/matters/nope/correction-period", headers=ADMIN,
                         json={"days": 15}).status_code == 404
    assert published.put(period, headers=ADMIN, json={"days": 0}).status_code == 422
    set_to = published.put(period, headers=ADMIN, json={"days": 15})
    assert set_to.json() == {"implementation_code": CODE, "correction_days": 15, "in_force": 15}
    url = f"{API}/applications/{filed(published)}"
    noticed = published.post(f"{url}/corrections", headers=CLERK, json=NOTICE).json()
    assert noticed["clock"]["correction_days"] == 15
    assert date.fromisoformat(noticed["correction_deadline"]) == \
        _received(noticed) + timedelta(days=15)
    back = published.put(period, headers=ADMIN, json={"days": None})
    assert back.json()["in_force"] == 30


def _resubmit(client: TestClient, url: str, slot: str) -> None:
    sent = client.post(f"{url}/resubmit", headers=APPLICANT, data={"slots": [slot]},
                       files=[("materials", ("材料.pdf", files.PDF, "application/pdf"))])
    assert sent.status_code == 200, sent.text


def test_a_second_notice_is_refused_unless_the_applicant_changed_what_the_first_did_not_name(
        published: TestClient) -> None:
    url = f"{API}/applications/{filed(published)}"
    assert published.post(f"{url}/corrections", headers=CLERK, json=NOTICE).status_code == 200
    _resubmit(published, url, "1")  # the contract the notice asked for
    shown = published.get(url, headers=CLERK).json()
    assert "One-time notice" in shown["clock"]["second_notice_refusal"]
    second = published.post(f"{url}/corrections", headers=CLERK, json=NOTICE)
    assert second.status_code == 409
    assert second.headers["content-type"].startswith("application/problem+json")
    assert "One-time notice" in second.json()["detail"]

    other = f"{API}/applications/{filed(published)}"
    assert published.post(f"{other}/corrections", headers=CLERK, json=NOTICE).status_code == 200
    _resubmit(published, other, "2")  # a material the first notice did not name
    assert published.get(other, headers=CLERK).json()["clock"]["second_notice_refusal"] is None
    new_items = {"items": [{"material": "建设项目批准、核准或备案文件", "reason": "批文已过期"}]}
    assert published.post(f"{other}/corrections", headers=CLERK,
                          json=new_items).status_code == 200


def test_deemed_acceptance_goes_part_by_part(published: TestClient,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A transaction per part of the waiting applications: all of them are reached."""
    monkeypatch.setattr(acceptance, "BATCH", 2)
    waiting = [filed(published) for _ in range(5)]
    received = _received(published.get(f"{API}/applications/{waiting[0]}",
                                       headers=CLERK).json())
    later = _working_days_after(received, 6)
    app: FastAPI = published.app  # type: ignore[assignment]  # TestClient types it as ASGI
    assert deem_once(app, today=later) == waiting
    assert deem_once(app, today=later) == []


def test_five_working_days_without_a_notice_count_as_accepted_from_receipt(
        published: TestClient, db_url: str) -> None:
    waiting, noticed = filed(published), filed(published)
    published.post(f"{API}/applications/{noticed}/corrections", headers=CLERK, json=NOTICE)
    received = _received(published.get(f"{API}/applications/{waiting}", headers=CLERK).json())
    fifth = _working_days_after(received, 5)
    app: FastAPI = published.app  # type: ignore[assignment]  # TestClient types it as ASGI
    assert deem_once(app, today=fifth) == []  # the fifth day is still the window's
    assert deem_once(app, today=fifth + timedelta(days=1)) == [waiting]
    assert deem_once(app, today=fifth + timedelta(days=2)) == []  # idempotent
    seen = published.get(f"{API}/applications/{waiting}", headers=APPLICANT).json()
    assert seen["state"] == "accepted"
    assert seen["accepted_at"] == seen["submitted_at"]
    started = [e for e in seen["ledger"] if e["kind"] == "started"]
    assert started[0]["cause"] == "deemed" and started[0]["day"] == received.isoformat()
    assert "第三十二条" in started[0]["note"]
    assert seen["due_date"] == _working_days_after(received, 5).isoformat()
    assert seen["history"][-1]["actor"] == "system"
    assert "application.deemed_accepted" in audit_actions(db_url, audit, entity="application",
                                                          entity_id=str(waiting))
    still = published.get(f"{API}/applications/{noticed}", headers=CLERK).json()
    assert still["state"] == "correction_requested"


def _received(application: dict[str, Any]) -> date:
    """The day in China the application arrived: the law's days are the zone's, not UTC's."""
    return china_date(datetime.fromisoformat(application["submitted_at"]))


def _working_days_after(day: date, n: int) -> date:
    return due_date(start=day, limit=n, unit="working_day")



def test_a_supervisor_sees_the_ledger_and_the_ground_but_not_the_reasons(
        published: TestClient) -> None:
    url = f"{API}/applications/{filed(published)}"
    published.post(f"{url}/non-acceptance", headers=CLERK, json=OUTSIDE)
    seen = published.get(url, headers=token("supervisor", sub="supervisor-wu")).json()
    assert seen["non_acceptance"]["ground"] == "outside_competence"
    assert seen["non_acceptance"]["reason"] is None
    assert [e["kind"] for e in seen["ledger"]] == ["received"]
