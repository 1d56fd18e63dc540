"""Documents: each state change gives its document, a PDF with the case number, query code,
seal and verification code, readable by the case's people and checkable by anyone."""

import hashlib
from datetime import date

import pytest
from fastapi.testclient import TestClient

from intake import document_files
from intake.documents import once_each, remedies
from intake.main import render_once
from intake.models import audit
from intake.rendering import render_pdf
from tests.conftest import audit_actions, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    BUTLER,
    CLERK,
    ENTERPRISE_ACCOUNT,
    HOUSING_APPROVER,
    OTHER_APPLICANT,
    PLANNING_APPROVER,
    filed,
    mandated,
)
from tests.intake.documents import documents, pdf_text

SUPERVISOR = token("supervisor", sub="supervisor-liu")
PUBLIC = token("public", sub="anonymous")
MATTER = "建设用地规划许可证核发"


def download(client: TestClient, application_id: int, document_id: int,
             headers: dict[str, str] = APPLICANT) -> bytes:
    response = client.get(f"{API}/applications/{application_id}/documents/{document_id}",
                          headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return response.content


def test_filing_gives_a_receipt_in_chinese_with_number_code_and_seal(
        published: TestClient) -> None:
    client = published
    application_id = filed(client)
    case = client.get(f"{API}/applications/{application_id}", headers=APPLICANT).json()
    [receipt] = documents(client, application_id, APPLICANT)
    assert receipt["kind"] == "receipt" and receipt["title"] == "收件凭证"
    assert len(receipt["verification_code"]) == 16

    content = download(client, application_id, receipt["id"])
    text = pdf_text(content)
    for printed in ("收件凭证", case["case_number"], case["query_code"], MATTER,
                    "（自然资源和规划局 印章）", receipt["verification_code"], "/progress",
                    "申请表.pdf"):
        assert printed in text, printed
    # The hash kept on the row is the PDF's, and the same PDF comes back the next time.
    [listed] = documents(client, application_id, APPLICANT)
    assert listed["sha256"] == hashlib.sha256(content).hexdigest()
    assert download(client, application_id, receipt["id"]) == content


def test_notices_and_decisions_follow_the_case(published: TestClient) -> None:
    client = published
    application_id = filed(client)
    url = f"{API}/applications/{application_id}"
    twice = {"material": "国有建设用地使用权出让合同", "reason": "缺少盖章页"}
    items = [twice, {"material": "建设项目批准、核准或备案文件", "reason": "未提交"}, twice]
    assert client.post(f"{url}/corrections", headers=CLERK,
                       json={"items": items}).status_code == 200
    assert client.post(f"{url}/resubmit", headers=APPLICANT, data={"slots": "1"},
                       files=[("materials", ("合同.pdf", b"%PDF-1.7 contract",
                                             "application/pdf"))]).status_code == 200
    assert client.post(f"{url}/accept", headers=CLERK).status_code == 200
    assert client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                       json={"decision": "approved", "opinion": "符合条件"}).status_code == 200

    listed = documents(client, application_id, APPLICANT)
    assert [d["kind"] for d in listed] == ["receipt", "correction_notice", "acceptance_notice",
                                           "approval"]
    notice = pdf_text(download(client, application_id, listed[1]["id"]))
    assert notice.count("缺少盖章页") == 1 and "未提交" in notice  # every item, once
    acceptance = pdf_text(download(client, application_id, listed[2]["id"]))
    assert "受理通知书" in acceptance and "工作日" in acceptance
    approval = pdf_text(download(client, application_id, listed[3]["id"]))
    for printed in ("准予许可决定书", "建设用地规划许可证", "行政复议", "行政诉讼", "六十日",
                    "六个月"):
        assert printed in approval, printed


def test_a_refusal_states_reasons_and_remedies_with_their_deadlines(
        published: TestClient) -> None:
    client = published
    application_id = filed(client)
    url = f"{API}/applications/{application_id}"
    client.post(f"{url}/accept", headers=CLERK)
    client.post(f"{url}/decision", headers=PLANNING_APPROVER,
                json={"decision": "rejected", "opinion": "用地性质与控制性详细规划不符"})
    refusal = documents(client, application_id, APPLICANT)[-1]
    assert refusal["kind"] == "refusal"
    text = pdf_text(download(client, application_id, refusal["id"]))
    assert "不予许可决定书" in text and "用地性质与控制性详细规划不符" in text
    assert "行政复议" in text and "行政诉讼" in text and "年" in text


def test_non_acceptance_prints_reason_basis_and_competent_body(published: TestClient) -> None:
    client = published
    application_id = filed(client)
    refused = client.post(f"{API}/applications/{application_id}/non-acceptance", headers=CLERK,
                          json={"ground": "outside_competence",
                                "reason": "申请事项不属于本机关职权范围",
                                "legal_basis": "《行政许可法》第三十二条第一款第（二）项",
                                "competent_body": "长沙市天心区住房和城乡建设局"})
    assert refused.status_code == 200, refused.text
    decision = documents(client, application_id, APPLICANT)[-1]
    assert decision["kind"] == "non_acceptance"
    text = pdf_text(download(client, application_id, decision["id"]))
    for printed in ("不予受理决定书", "申请事项不属于本机关职权范围", "第三十二条",
                    "长沙市天心区住房和城乡建设局", "行政复议", "行政诉讼"):
        assert printed in text, printed


def test_who_may_list_and_download(published: TestClient, db_url: str) -> None:
    client = published
    application_id = filed(client)
    base = f"{API}/applications/{application_id}/documents"
    [receipt] = documents(client, application_id, APPLICANT)
    one = f"{base}/{receipt['id']}"
    for stranger in (OTHER_APPLICANT, HOUSING_APPROVER):
        assert client.get(base, headers=stranger).status_code == 404
        assert client.get(one, headers=stranger).status_code == 404
    assert client.get(base, headers=PUBLIC).status_code == 403
    assert client.get(one, headers=PUBLIC).status_code == 403
    # Oversight sees that documents exist, not their codes, and does not download them.
    [overseen] = documents(client, application_id, SUPERVISOR)
    assert overseen["verification_code"] is None
    assert client.get(one, headers=SUPERVISOR).status_code == 403
    assert client.get(f"{base}/999999", headers=APPLICANT).status_code == 404

    download(client, application_id, receipt["id"], headers=CLERK)
    download(client, application_id, receipt["id"], headers=PLANNING_APPROVER)
    assert audit_actions(db_url, audit, entity="document",
                         entity_id=str(receipt["id"])) == ["document.downloaded"] * 2


def test_anyone_verifies_a_document_by_its_code(published: TestClient) -> None:
    client = published
    application_id = filed(client)
    case = client.get(f"{API}/applications/{application_id}", headers=APPLICANT).json()
    [receipt] = documents(client, application_id, APPLICANT)
    checked = client.get(f"{API}/documents/verify/{receipt['verification_code']}",
                         headers=PUBLIC)
    assert checked.status_code == 200, checked.text
    shown = checked.json()
    assert shown["kind"] == "receipt" and shown["case_number"] == case["case_number"]
    assert shown["department_name"] == "自然资源和规划局"
    assert shown["applicant"] == "a**"  # applicant-zhangsan: the initial only
    assert shown["sha256"] == hashlib.sha256(
        download(client, application_id, receipt["id"])).hexdigest()
    assert "query_code" not in shown
    unknown = client.get(f"{API}/documents/verify/ABCDEFGHJKMNPQRS", headers=PUBLIC)
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"


def test_documents_are_rendered_outside_the_request_and_checked_on_download(
        published: TestClient, file_store: object) -> None:
    client = published
    application_id = filed(client)
    assert documents(client, application_id, APPLICANT)[0]["sha256"] is None  # not yet
    assert render_once(client.app) == 1
    [receipt] = documents(client, application_id, APPLICANT)
    assert receipt["sha256"] is not None
    stored = next(p for p in client.app.state.desk.store.files()
                  if p.name == receipt["sha256"])
    stored.write_bytes(b"%PDF-1.7 forged")
    damaged = client.get(f"{API}/applications/{application_id}/documents/{receipt['id']}",
                         headers=APPLICANT)
    assert damaged.status_code == 500
    assert "SHA-256" in damaged.json()["detail"]


def test_remedy_deadlines_count_calendar_days_and_months() -> None:
    assert remedies(date(2026, 8, 31)) == {"reconsideration_by": "2026-10-30",
                                           "litigation_by": "2027-02-28"}
    assert remedies(date(2027, 8, 31))["litigation_by"] == "2028-02-29"  # a leap year


def test_the_same_facts_render_the_same_pdf() -> None:
    facts = {"kind": "correction_notice", "title": "补正告知书",
             "case_number": "430103-20261201-00009", "query_code": "ABC234",
             "matter_name": MATTER, "implementation_code": "X",
             "department_name": "自然资源和规划局", "applicant_name": "张三",
             "issued_on": "2026-12-01", "received_on": "2026-12-01",
             "verification_code": "ABCDEFGHJKMNPQRS",
             "items": once_each([{"material": "申请表", "reason": "未签字"}] * 2)}
    first = render_pdf(facts, portal="https://zwfw.example")
    assert render_pdf(facts, portal="https://zwfw.example") == first
    assert pdf_text(first).count("未签字") == 1


def test_a_document_that_fails_to_render_waits_for_its_download(
        published: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    client = published
    application_id = filed(client)

    def broken(facts: dict[str, object], *, portal: str) -> bytes:
        raise OSError("no font")

    monkeypatch.setattr(document_files, "render_pdf", broken)
    assert render_once(client.app) == 0
    monkeypatch.undo()
    [receipt] = documents(client, application_id, APPLICANT)
    assert receipt["sha256"] is None
    assert "收件凭证" in pdf_text(download(client, application_id, receipt["id"]))


def test_the_enterprise_and_its_butler_read_the_enterprises_documents(
        published: TestClient) -> None:
    client = published
    mandated(client)
    application_id = filed(client, ENTERPRISE_ACCOUNT)
    [receipt] = documents(client, application_id, BUTLER)
    assert receipt["verification_code"] is not None
    text = pdf_text(download(client, application_id, receipt["id"], headers=BUTLER))
    assert "收件凭证" in text
    assert [d["id"] for d in documents(client, application_id, ENTERPRISE_ACCOUNT)] == [
        receipt["id"]]
    assert client.get(f"{API}/applications/{application_id}/documents",
                      headers=APPLICANT).status_code == 404
