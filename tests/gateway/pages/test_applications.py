"""Applying and handling through the pages (plain forms and HTMX requests), over real HTTP."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.gateway.pages.page_text import field


@pytest.fixture(scope="module")
def site(work_url: str) -> Iterator[httpx.Client]:
    """An anonymous client of the platform for tests that write."""
    with httpx.Client(base_url=work_url, timeout=10) as client:
        yield client


APPLY = "/apply/430103-01-0002"
MATERIAL = [("slot-0", ("建设工程规划许可申请表.pdf", b"%PDF-1.4 demo", "application/pdf"))]
# The demo enterprise's particulars (the matter is for enterprises only).
ENTERPRISE = {"kind": "enterprise", "applicant_name": "长沙天心智造科技有限公司",
              "credit_code": "914301035T4L8D200D", "legal_representative": "王立",
              "phone": "0731-85551234", "confirm_incomplete": "1"}


@contextmanager
def signed_in(site: httpx.Client, username: str) -> Iterator[httpx.Client]:
    """A client of its own (its own cookies) signed in as `username`."""
    with httpx.Client(base_url=site.base_url, timeout=10) as client:
        answer = client.post("/sign-in", data={"username": username,
                                               "password": "onewindow-demo", "next": "/"})
        assert answer.status_code == 303, answer.text
        yield client


def file_one(applicant: httpx.Client, note: str = "") -> int:
    """File an application through the form; its id."""
    form = applicant.get(APPLY).text
    data = {"csrf_token": field(form, "csrf_token"),
            "idempotency_key": field(form, "idempotency_key"), "note": note, **ENTERPRISE}
    filed = applicant.post(APPLY, data=data, files=MATERIAL)
    assert filed.status_code == 303, filed.text
    return int(filed.headers["location"].split("/")[-1].split("?")[0])


def htmx_post(client: httpx.Client, path: str, csrf: str, **data: str) -> httpx.Response:
    return client.post(path, data=data, headers={"HX-Request": "true", "X-CSRF-Token": csrf})


def test_a_double_submit_files_one_application(site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as applicant:
        before = applicant.get("/my/applications").text.count('href="/my/applications/')
        form = applicant.get(APPLY).text
        data = {"csrf_token": field(form, "csrf_token"),
                "idempotency_key": field(form, "idempotency_key"), "note": "只提交一次",
                **ENTERPRISE}
        first = applicant.post(APPLY, data=data, files=MATERIAL)
        second = applicant.post(APPLY, data=data, files=MATERIAL)
        assert first.status_code == second.status_code == 303
        assert first.headers["location"] == second.headers["location"]
        after = applicant.get("/my/applications").text.count('href="/my/applications/')
        assert after == before + 1


def test_a_refused_application_keeps_what_was_chosen(site: httpx.Client) -> None:
    with signed_in(site, "applicant") as applicant:
        form = applicant.get(APPLY).text
        key = field(form, "idempotency_key")
        refused = applicant.post(APPLY, data={"csrf_token": field(form, "csrf_token"),
                                              "idempotency_key": key, "note": "我的备注"})
        assert refused.status_code == 422
        assert "请至少上传一份申请材料" in refused.text
        assert "我的备注" in refused.text and f'value="{key}"' in refused.text


def test_a_plain_form_without_the_csrf_token_is_refused(site: httpx.Client) -> None:
    with signed_in(site, "applicant") as applicant:
        refused = applicant.post(APPLY, data={"note": "x"}, files=MATERIAL)
        assert refused.status_code == 403
        assert "CSRF" in refused.text and "<html" in refused.text


def test_corrections_resubmission_and_a_reasoned_refusal(site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as applicant, signed_in(site, "clerk") as clerk, \
            signed_in(site, "approver") as approver:
        application = file_one(applicant, "第一次提交")
        detail = f"/my/applications/{application}"
        queue = clerk.get("/clerk/applications").text
        assert f'id="app-{application}"' in queue
        csrf = field(queue, "csrf_token")
        notice = f"/clerk/applications/{application}/corrections"

        empty = htmx_post(clerk, notice, csrf)
        assert empty.status_code == 422 and "请至少勾选一项需补正的材料" in empty.text
        assert "<html" not in empty.text
        sent = htmx_post(clerk, notice, csrf, **{"item": "1",
                                                 "material-1": "使用土地的有关证明文件",
                                                 "reason-1": "土地证明已过期"})
        assert sent.status_code == 200 and "补正告知已发出" in sent.text and "待补正" in sent.text

        page = applicant.get(detail).text
        assert "土地证明已过期" in page and f'action="{detail}/resubmit"' in page
        assert '<label for="slot-1">补正材料：使用土地的有关证明文件</label>' in page
        assert page.count('type="file"') == 1  # a slot for the one material asked for
        exe = ("土地证明.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
        refused = applicant.post(f"{detail}/resubmit", files=[("slot-1", exe)],
                                 data={"csrf_token": field(page, "csrf_token")})
        assert refused.status_code == 415 and "文件格式不符，均未保存" in refused.text
        again = applicant.post(f"{detail}/resubmit", files=[("slot-1", MATERIAL[0][1])],
                               data={"csrf_token": field(page, "csrf_token")})
        assert again.status_code == 303 and "resubmitted=1" in again.headers["location"]
        resubmitted = applicant.get(detail).text
        assert re.search(r"使用土地的有关证明文件：</span><a [^>]*>建设工程规划许可申请表.pdf",
                         resubmitted)
        accepted = htmx_post(clerk, f"/clerk/applications/{application}/accept", csrf)
        assert accepted.status_code == 200 and "已受理" in accepted.text

        csrf = field(approver.get("/approver/applications").text, "csrf_token")
        decision = f"/approver/applications/{application}/decision"
        bare = htmx_post(approver, decision, csrf, decision="rejected", opinion=" ")
        assert bare.status_code == 422 and "不予许可须写明理由" in bare.text
        refused = htmx_post(approver, decision, csrf, decision="rejected",
                            opinion="设计方案不符合控制性详细规划")
        assert refused.status_code == 200 and "不予许可" in refused.text

        page = applicant.get(detail).text
        assert "不予许可" in page and "设计方案不符合控制性详细规划" in page
        assert "已补正" in page  # the history shows the resubmission


def test_a_material_downloads_only_for_those_who_may_see_it(site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as applicant, signed_in(site, "applicant") as other:
        application = file_one(applicant)
        page = applicant.get(f"/my/applications/{application}").text
        link = re.search(rf'href="(/applications/{application}/materials/\d+)"', page)
        assert link
        download = applicant.get(link.group(1))
        assert download.status_code == 200 and download.content == b"%PDF-1.4 demo"
        assert "attachment" in download.headers["content-disposition"]
        assert other.get(link.group(1)).status_code == 404
        assert site.get(link.group(1)).status_code == 303
