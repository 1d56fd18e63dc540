"""Who applies: checked numbers, the matter's service objects, masked except for the window,
sealed in the database; the pre-check before filing and the incomplete flag."""

from fastapi.testclient import TestClient
from sqlalchemy import text

from kit.db import Database
from tests.conftest import token
from tests.intake import files
from tests.intake.conftest import (
    API,
    APPLICANT,
    CLERK,
    CODE,
    ENTERPRISE,
    ENTERPRISE_ACCOUNT,
    file_application,
    publish,
)

ID_NUMBER = "11010519491231002X"
PHONE = "13812345678"
PERSON = {"kind": "person", "applicant_name": "张三", "id_number": ID_NUMBER, "phone": PHONE}
ENTERPRISE_APPLICANT = {"kind": "enterprise", "applicant_name": "长沙天心智造科技有限公司",
                        "credit_code": ENTERPRISE, "legal_representative": "李四",
                        "phone": "0731-85551234"}


def test_a_person_files_with_a_checked_id_masked_everywhere_but_at_the_window(
        published: TestClient, db_url: str) -> None:
    wrong = file_application(published, **(PERSON | {"id_number": "110105194912310021"}))
    assert wrong.status_code == 422
    assert "resident identity card" in wrong.text

    filed = file_application(published, **PERSON)
    assert filed.status_code == 201, filed.text
    applicant = filed.json()["applicant"]
    assert applicant == {"kind": "person", "name": "张三", "id_number": "110***********002X",
                         "phone": "138****5678", "credit_code": None,
                         "legal_representative": None}
    listed = published.get(f"{API}/applications", headers=CLERK).json()[0]["applicant"]
    assert listed["id_number"] == "110***********002X"
    url = f"{API}/applications/{filed.json()['id']}"
    assert published.get(url, headers=APPLICANT).json()["applicant"]["phone"] == "138****5678"
    at_the_window = published.get(url, headers=CLERK).json()["applicant"]
    assert (at_the_window["id_number"], at_the_window["phone"]) == (ID_NUMBER, PHONE)

    db = Database(db_url, "intake")
    with db.session(write=False) as session:
        row = " ".join(str(v) for v in session.execute(
            text("SELECT * FROM intake.application")).one())
    db.dispose()
    assert ID_NUMBER not in row and PHONE not in row and "张三" in row


def test_a_person_may_not_file_an_enterprise_only_matter(published: TestClient) -> None:
    publish(published, 2, service_objects=["enterprise"])
    refused = file_application(published, **PERSON)
    assert refused.status_code == 403
    assert "a person may not apply" in refused.json()["detail"]
    as_account = file_application(published)  # no particulars: the account, a person
    assert as_account.status_code == 403

    enterprise = file_application(published, ENTERPRISE_ACCOUNT, **ENTERPRISE_APPLICANT)
    assert enterprise.status_code == 201, enterprise.text
    assert enterprise.json()["applicant"]["credit_code"] == ENTERPRISE
    posing = file_application(published, **ENTERPRISE_APPLICANT)  # a person's account
    assert posing.status_code == 403


def test_the_pre_check_lists_every_problem_and_stores_nothing(published: TestClient) -> None:
    checked = published.post(
        f"{API}/applications/precheck", headers=APPLICANT,
        data={"implementation_code": CODE, "slots": ["0", "1"]},
        files=[("materials", ("申请表.pdf", files.PDF, "application/pdf")),
               ("materials", ("合同.pdf", files.EXE, "application/pdf"))])
    assert checked.status_code == 200, checked.text
    report = checked.json()
    assert (report["complete"], report["acceptable"]) == (False, False)
    assert [(p["slot"], p["problem"]) for p in report["problems"]] == [
        (1, "executable"), (1, "missing"), (2, "missing")]
    assert [s["files"] for s in report["slots"]] == [["申请表.pdf"], [], []]
    assert report["slots"][0]["kinds"] == ["pdf", "jpeg", "png", "ofd"]
    assert published.get(f"{API}/applications", headers=CLERK).json() == []


def test_filing_incomplete_needs_a_confirmation_and_is_flagged_for_the_clerk(
        published: TestClient) -> None:
    one_of_three = [("materials", ("申请表.pdf", files.PDF, "application/pdf"))]
    unconfirmed = file_application(published, files=one_of_three, confirm_incomplete="false")
    assert unconfirmed.status_code == 422
    assert "confirm" in unconfirmed.json()["detail"]
    assert [e["type"] for e in unconfirmed.json()["errors"]] == ["missing", "missing"]

    confirmed = file_application(published, files=one_of_three, confirm_incomplete="true")
    assert confirmed.status_code == 201
    assert confirmed.json()["incomplete"] is True
    queue = published.get(f"{API}/applications", headers=CLERK).json()
    assert queue[0]["incomplete"] is True

    all_three = [("materials", (f"{i}.pdf", files.PDF, "application/pdf")) for i in range(3)]
    complete = file_application(published, files=all_three, confirm_incomplete="false")
    assert complete.status_code == 201
    assert complete.json()["incomplete"] is False


def test_only_filers_may_ask_for_a_pre_check(published: TestClient) -> None:
    body = {"implementation_code": CODE}
    upload = [("materials", ("申请表.pdf", files.PDF, "application/pdf"))]
    assert published.post(f"{API}/applications/precheck", data=body,
                          files=upload).status_code == 401
    for role in ("clerk", "approver", "supervisor", "admin"):
        answer = published.post(f"{API}/applications/precheck", data=body, files=upload,
                                headers=token(role))
        assert answer.status_code == 403, role
    unknown = published.post(f"{API}/applications/precheck", headers=APPLICANT,
                             data={"implementation_code": "nope"}, files=upload)
    assert unknown.status_code == 422


def test_a_resubmission_that_fills_only_some_slots_keeps_the_flag(published: TestClient) -> None:
    one = [("materials", ("申请表.pdf", files.PDF, "application/pdf"))]
    url = f"{API}/applications/{file_application(published, files=one).json()['id']}"
    notice = {"items": [{"material": "国有建设用地使用权出让合同", "reason": "未提交"},
                        {"material": "建设项目批准、核准或备案文件", "reason": "未提交"}]}
    assert published.post(f"{url}/corrections", headers=CLERK, json=notice).status_code == 200
    partly = published.post(f"{url}/resubmit", headers=APPLICANT, data={"slots": ["1"]},
                            files=[("materials", ("合同.pdf", files.PDF, "application/pdf"))])
    assert partly.status_code == 200 and partly.json()["incomplete"] is True


def test_a_resubmission_that_fills_every_required_slot_lifts_the_flag(
        published: TestClient) -> None:
    one = [("materials", ("申请表.pdf", files.PDF, "application/pdf"))]
    application = file_application(published, files=one).json()
    url = f"{API}/applications/{application['id']}"
    notice = {"items": [{"material": "国有建设用地使用权出让合同", "reason": "未提交"},
                        {"material": "建设项目批准、核准或备案文件", "reason": "未提交"}]}
    assert published.post(f"{url}/corrections", headers=CLERK, json=notice).status_code == 200
    exe = published.post(f"{url}/resubmit", headers=APPLICANT, data={"slots": ["1"]},
                         files=[("materials", ("合同.pdf", files.EXE, "application/pdf"))])
    assert exe.status_code == 415
    both = [("materials", ("合同.pdf", files.PDF, "application/pdf")),
            ("materials", ("批文.png", files.PNG, "image/png"))]
    rest = published.post(f"{url}/resubmit", headers=APPLICANT, data={"slots": ["1", "2"]},
                          files=both)
    assert rest.status_code == 200
    assert rest.json()["incomplete"] is False
    assert [m["slot"] for m in rest.json()["materials"]] == [0, 1, 2]
