"""The one-time notice of corrections (一次性告知补正) and the applicant's resubmission."""

from fastapi.testclient import TestClient

from tests.intake.conftest import API, APPLICANT, CLERK, OTHER_APPLICANT, filed, pdf

NOTICE = {"items": [
    {"material": "国有建设用地使用权出让合同", "reason": "未上传，请补充合同扫描件"},
    {"material": "建设用地规划许可申请表", "reason": "缺少法定代表人签字"},
]}


def test_a_notice_lists_every_item_and_the_resubmission_returns_to_the_window(
        published: TestClient) -> None:
    client = published
    url = f"{API}/applications/{filed(client)}"

    noticed = client.post(f"{url}/corrections", headers=CLERK, json=NOTICE)
    assert noticed.status_code == 200, noticed.text
    assert noticed.json()["state"] == "correction_requested"
    assert noticed.json()["due_date"] is None  # the clock has not started
    seen = client.get(url, headers=APPLICANT).json()
    assert seen["corrections"][0]["items"] == NOTICE["items"]

    assert client.post(f"{url}/accept", headers=CLERK).status_code == 409
    resubmitted = client.post(f"{url}/resubmit", headers=APPLICANT,
                              files=[pdf("出让合同.pdf", b"%PDF contract"),
                                     pdf("申请表（已签字）.pdf", b"%PDF signed form")])
    assert resubmitted.status_code == 200, resubmitted.text
    assert resubmitted.json()["state"] == "corrected"
    assert len(resubmitted.json()["materials"]) == 3

    accepted = client.post(f"{url}/accept", headers=CLERK)
    assert accepted.json()["state"] == "accepted"
    assert accepted.json()["due_date"] is not None
    assert [h["to_state"] for h in accepted.json()["history"]] == [
        "submitted", "correction_requested", "corrected", "accepted"]


def test_a_notice_may_only_name_listed_materials(published: TestClient) -> None:
    client = published
    url = f"{API}/applications/{filed(client)}"
    catch_all = {"items": [{"material": "其他材料", "reason": "请补充相关证明"}]}

    refused = client.post(f"{url}/corrections", headers=CLERK, json=catch_all)
    assert refused.status_code == 422
    assert "其他材料" in refused.json()["errors"][0]["msg"]
    assert client.post(f"{url}/corrections", headers=CLERK, json={"items": []}).status_code == 422
    assert client.get(url, headers=APPLICANT).json()["state"] == "submitted"


def test_only_the_clerk_sends_notices_and_only_the_filer_resubmits(
        published: TestClient) -> None:
    client = published
    url = f"{API}/applications/{filed(client)}"
    assert client.post(f"{url}/corrections", headers=APPLICANT, json=NOTICE).status_code == 403
    client.post(f"{url}/corrections", headers=CLERK, json=NOTICE)
    assert client.post(f"{url}/resubmit", headers=OTHER_APPLICANT,
                       files=[pdf()]).status_code == 404
    assert client.get(url, headers=APPLICANT).json()["state"] == "correction_requested"


def test_resubmitting_without_a_notice_is_a_conflict(published: TestClient) -> None:
    client = published
    url = f"{API}/applications/{filed(client)}"
    refused = client.post(f"{url}/resubmit", headers=APPLICANT, files=[pdf()])
    assert refused.status_code == 409
    assert "correction_requested" in refused.json()["detail"]
    assert len(client.get(url, headers=APPLICANT).json()["materials"]) == 1
