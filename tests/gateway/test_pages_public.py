"""The public pages over real HTTP: the platform as `python -m gateway all` on demo data."""

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.live import embedded_platform

GUIDE = "/api/publish/v1/guides/430103-01-0002"


def wait_for_the_demo_lists(client: httpx.Client, seconds: float = 30) -> None:
    """The demo matters reach publish through the outbox: wait until all have arrived."""
    deadline, last = time.monotonic() + seconds, -1
    while time.monotonic() < deadline:
        guide = client.get(GUIDE)
        total = client.get("/api/publish/v1/statistics").json()["matters"]
        if guide.status_code == 200 and guide.json()["version"] == 2 and total == last:
            return
        last = total
        time.sleep(0.5)
    raise RuntimeError("the demo matters did not reach the public lists")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of the whole platform (embedded, SQLite, demo data) on a free port."""
    with embedded_platform(tmp_path_factory.mktemp("pages-public")) as url, \
            httpx.Client(base_url=url, timeout=10) as client:
        wait_for_the_demo_lists(client)
        yield client


def test_the_power_list_shows_the_demo_matters_in_chinese(site: httpx.Client) -> None:
    page = site.get("/power-list")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in page.text
    for text in ("权力清单", "建设工程规划许可证核发", "食品经营许可", "自然资源和规划局",
                 "规划建设窗口", "承诺时限/法定时限"):
        assert text in page.text


def test_a_search_narrows_the_list(site: httpx.Client) -> None:
    page = site.get("/power-list", params={"q": "建设工程规划"})
    assert "建设工程规划许可证核发" in page.text
    assert "食品经营许可" not in page.text
    assert "/guides/430103-01-0002" in page.text


def test_the_department_filter_keeps_one_department(site: httpx.Client) -> None:
    page = site.get("/power-list", params={"department": "114301007072304006"})
    assert "食品经营许可" in page.text
    assert "建设工程规划许可证核发" not in page.text


def test_an_htmx_request_gets_only_the_fragment(site: httpx.Client) -> None:
    page = site.get("/power-list", params={"q": "食品"}, headers={"HX-Request": "true"})
    assert page.status_code == 200
    assert "<html" not in page.text and "<header" not in page.text
    assert 'id="results"' in page.text and "食品经营许可" in page.text
    assert page.headers["vary"] == "HX-Request"
    full = site.get("/power-list", params={"q": "食品"})
    assert "<html" in full.text and full.headers["vary"] == "HX-Request"


def test_the_guide_shows_every_element_and_the_way_to_apply(site: httpx.Client) -> None:
    page = site.get("/guides/430103-01-0002")
    assert page.status_code == 200
    for text in ("建设工程规划许可证核发", "设定依据", "中华人民共和国城乡规划法", "受理条件",
                 "建设工程规划许可申请表", "承诺办结时限", "7 个工作日", "收费", "办理流程",
                 "裁量基准", "三级（网上预审）", "领取纸质证照原件", "建设工程规划许可证"):
        assert text in page.text, text
    assert "/sign-in?next=/apply/430103-01-0002" in page.text


def test_an_unknown_guide_is_a_readable_404_page(site: httpx.Client) -> None:
    page = site.get("/guides/NO-SUCH-MATTER")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "没有找到该事项的办事指南" in page.text and "<html" in page.text


@pytest.mark.parametrize("path", ["/clerk/applications", "/approver/applications",
                                  "/my/applications", "/apply/430103-01-0002"])
def test_an_anonymous_visitor_is_sent_to_sign_in(site: httpx.Client, path: str) -> None:
    page = site.get(path)
    assert page.status_code == 303
    assert page.headers["location"] == f"/sign-in?next={path}"


def test_a_signed_in_account_without_the_role_gets_a_readable_403(site: httpx.Client) -> None:
    signed_in = site.post("/sign-in", data={"username": "applicant",
                                            "password": "onewindow-demo", "next": "/"})
    assert signed_in.status_code == 303
    page = site.get("/clerk/applications")
    site.cookies.clear()
    assert page.status_code == 403
    assert "您没有权限执行此操作" in page.text and "<html" in page.text


def test_the_home_page_leads_to_the_power_list(site: httpx.Client) -> None:
    page = site.get("/")
    assert page.status_code == 200
    assert "一窗通" in page.text and 'action="/power-list"' in page.text


# --- applying and handling through the pages (plain forms and HTMX requests) ---

APPLY = "/apply/430103-01-0002"
MATERIAL = [("materials", ("建设工程规划许可申请表.pdf", b"%PDF-1.4 demo", "application/pdf"))]


@contextmanager
def signed_in(site: httpx.Client, username: str) -> Iterator[httpx.Client]:
    """A client of its own (its own cookies) signed in as `username`."""
    with httpx.Client(base_url=site.base_url, timeout=10) as client:
        answer = client.post("/sign-in", data={"username": username,
                                               "password": "onewindow-demo", "next": "/"})
        assert answer.status_code == 303, answer.text
        yield client


def field(html: str, name: str) -> str:
    """The value of the first hidden field `name` of a page."""
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no field {name}"
    return found.group(1)


def file_one(applicant: httpx.Client, note: str = "") -> int:
    """File an application through the form; its id."""
    form = applicant.get(APPLY).text
    data = {"csrf_token": field(form, "csrf_token"),
            "idempotency_key": field(form, "idempotency_key"), "note": note}
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
                "idempotency_key": field(form, "idempotency_key"), "note": "只提交一次"}
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
    with signed_in(site, "applicant") as applicant, signed_in(site, "clerk") as clerk, \
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
        again = applicant.post(f"{detail}/resubmit", files=MATERIAL,
                               data={"csrf_token": field(page, "csrf_token")})
        assert again.status_code == 303 and "resubmitted=1" in again.headers["location"]
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
    with signed_in(site, "applicant") as applicant, signed_in(site, "enterprise") as other:
        application = file_one(applicant)
        page = applicant.get(f"/my/applications/{application}").text
        link = re.search(rf'href="(/applications/{application}/materials/\d+)"', page)
        assert link
        download = applicant.get(link.group(1))
        assert download.status_code == 200 and download.content == b"%PDF-1.4 demo"
        assert "attachment" in download.headers["content-disposition"]
        assert other.get(link.group(1)).status_code == 404
        assert site.get(link.group(1)).status_code == 303


def test_an_anonymous_action_goes_to_sign_in_not_to_the_action(site: httpx.Client) -> None:
    plain = site.post("/clerk/applications/1/accept")
    assert plain.status_code == 303 and plain.headers["location"] == "/sign-in"
    fragment = site.post("/clerk/applications/1/accept", headers={"HX-Request": "true"})
    assert fragment.headers["hx-redirect"] == "/sign-in"
