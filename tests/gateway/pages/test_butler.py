"""The butler on the pages: the demo's mandate and project, 我的授权 (grant, revoke), 我的项目
(request, take, draw up, reorder), filing a project's matter through the apply page, and the
one project page both follow."""

import re

import httpx
import pytest

from tests.gateway.pages.page_text import field, text_of
from tests.gateway.pages.test_applications import signed_in

PDF = b"%PDF-1.4 demo"
SITE = "430103-01-0004"  # 建设项目用地预审与选址意见书核发, 8 working days
LAND = "430103-01-0001"  # 建设用地规划许可证核发, 5
WORKS = "430103-01-0002"  # 建设工程规划许可证核发, 7
IN_ORDER = ("建设项目用地预审与选址意见书核发", "建设用地规划许可证核发", "建设工程规划许可证核发")


@pytest.fixture(scope="module")
def demo(demo_url: str) -> httpx.Client:
    return httpx.Client(base_url=demo_url, timeout=10)


@pytest.fixture(scope="module")
def site(work_url: str) -> httpx.Client:
    return httpx.Client(base_url=work_url, timeout=10)


def csrf(client: httpx.Client, path: str) -> str:
    return field(client.get(path).text, "csrf_token")


def test_the_demo_butler_holds_an_accepted_mandate_and_follows_a_new_plant(
        demo: httpx.Client) -> None:
    with signed_in(demo, "butler") as butler:
        mandates = text_of(butler.get("/my/mandates").text)
        assert "长沙天心智造科技有限公司" in mandates and "有效" in mandates
        workbench = butler.get("/projects").text
        assert "管家工作台" in workbench and "智造产业园二期厂房" in workbench
        assert "3 项，预计 20 个工作日" in text_of(workbench)
    with signed_in(demo, "enterprise") as enterprise:
        page = enterprise.get("/projects/1")
        assert page.status_code == 200
        shown = text_of(page.text)
        assert "预计总用时" in shown and "20 个工作日" in shown
        order = [shown.index(n) for n in IN_ORDER]
        assert order == sorted(order)
        assert "已提交" in shown and "等待：受理窗口" in shown and "未申报" in shown
        assert "用地预审与选址申请表" in shown  # what each matter needs
        assert 'href="/apply/' not in page.text  # the enterprise follows; its butler files
        filed = re.search(r'href="/my/applications/(\d+)"', page.text)
        assert filed is not None
        application = text_of(enterprise.get(f"/my/applications/{filed.group(1)}").text)
        assert "代办人 周管家（服务管家）" in application
        english = text_of(enterprise.get("/projects/1?lang=en").text)
        assert "Expected total time" in english and "Waiting on: the window" in english
        assert "New plant" in english and "20 working days" in english
    with signed_in(demo, "clerk") as clerk:  # the window sees who filed for the enterprise
        assert "代办人 周管家（服务管家）" in text_of(clerk.get("/clerk/applications").text)


def test_the_enterprise_mandates_only_a_butler_and_one_mandate_at_a_time(
        site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as enterprise:
        token = csrf(enterprise, "/my/mandates")
        twice = enterprise.post("/my/mandates", data={"csrf_token": token, "butler": "butler",
                                                      "expires_on": "2099-12-31"})
        assert twice.status_code == 422 and "already holds a mandate" in twice.text
        unknown = enterprise.post("/my/mandates", data={
            "csrf_token": token, "butler": "clerk", "expires_on": "2099-12-31"})
        assert "没有用户名为“clerk”的服务管家" in unknown.text
        empty = enterprise.post("/my/mandates", data={"csrf_token": token, "butler": "butler",
                                                      "expires_on": "2099-12-31",
                                                      "scope": "list"})
        assert "请至少选择一个授权事项" in empty.text


def test_a_butler_draws_up_a_project_and_files_its_first_matter(site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as enterprise:
        token = csrf(enterprise, "/projects")
        asked = enterprise.post("/projects", data={
            "csrf_token": token, "name": "研发楼扩建", "kind": "extension",
            "location": "暮云街道", "description": "加建两层"})
        assert asked.status_code == 303
        path = asked.headers["location"]
        assert "等待分配服务管家" in text_of(enterprise.get(path).text)
    with signed_in(site, "butler") as butler:
        token = csrf(butler, "/projects")
        assert "研发楼扩建" in butler.get("/projects").text  # a request nobody took
        assert butler.post(f"{path}/take", data={"csrf_token": token}).status_code == 303
        for code in (LAND, WORKS, SITE):
            added = butler.post(f"{path}/items", data={"csrf_token": token,
                                                       "implementation_code": code})
            assert added.status_code == 303
        page = butler.get(path).text
        last = re.findall(r'action="' + path + r'/items/(\d+)/up"', page)[-1]
        butler.post(f"{path}/items/{last}/up", data={"csrf_token": token})
        butler.post(f"{path}/items/{last}/up", data={"csrf_token": token})
        page = butler.get(path).text
        shown = text_of(page)
        assert shown.index(IN_ORDER[0]) < shown.index(IN_ORDER[1])
        assert "20 个工作日" in shown and "预计第 8 个工作日办结" in shown
        link = re.search(r'href="(/apply/[^"]+\?project_item=(\d+)[^"]*)"', page)
        assert link is not None and SITE in link.group(1)
        form = butler.get(link.group(1).replace("&amp;", "&")).text
        assert 'name="project_item"' in form and "这是项目清单中的事项" in form
        assert 'value="914301035T4L8D200D" selected' in form
        assert 'value="长沙天心智造科技有限公司"' in form  # the enterprise applies, by its name
        filed = butler.post(link.group(1).split("?")[0].replace("&amp;", "&"), data={
            "csrf_token": field(form, "csrf_token"), "idempotency_key": field(form,
                                                                              "idempotency_key"),
            "project_item": link.group(2), "project": path.rsplit("/", 1)[1],
            "on_behalf_of": "914301035T4L8D200D", "kind": "enterprise",
            "applicant_name": "长沙天心智造科技有限公司", "credit_code": "914301035T4L8D200D",
            "legal_representative": "王立", "phone": "0731-85551234",
            "confirm_incomplete": "1"}, files=[("slot-0", ("申请表.pdf", PDF, "application/pdf"))])
        assert filed.status_code == 303, filed.text
        assert filed.headers["location"] == f"{path}?filed=1"
    with signed_in(site, "enterprise") as enterprise:
        shown = text_of(enterprise.get(path).text)
        assert "已提交" in shown and "等待：受理窗口" in shown and "周管家" in shown


def test_an_administrator_assigns_a_request_to_a_butler(site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as enterprise:
        asked = enterprise.post("/projects", data={"csrf_token": csrf(enterprise, "/projects"),
                                                   "name": "仓储中心", "kind": "other"})
        path = asked.headers["location"]
    with signed_in(site, "admin") as admin:
        listed = admin.get("/projects").text
        assert "管家项目" in listed and f'action="{path}/assign"' in listed
        assigned = admin.post(f"{path}/assign", data={"csrf_token": field(listed, "csrf_token"),
                                                      "butler": "butler"})
        assert assigned.status_code == 303
        assert "周管家（服务管家）" in text_of(admin.get(path).text)
    with signed_in(site, "butler") as butler:
        assert "管家制定事项清单" in text_of(butler.get(path).text)


def file_for_the_enterprise(butler: httpx.Client, code: str) -> httpx.Response:
    form = butler.get(f"/apply/{code}").text
    return butler.post(f"/apply/{code}", data={
        "csrf_token": field(form, "csrf_token"), "idempotency_key": field(form, "idempotency_key"),
        "on_behalf_of": "914301035T4L8D200D", "kind": "enterprise",
        "applicant_name": "长沙天心智造科技有限公司", "credit_code": "914301035T4L8D200D",
        "legal_representative": "王立", "phone": "0731-85551234", "confirm_incomplete": "1"},
        files=[("slot-0", ("申请表.pdf", PDF, "application/pdf"))])


def test_a_revoked_or_out_of_scope_mandate_is_said_in_chinese_and_a_new_one_accepted(
        site: httpx.Client) -> None:
    """Runs last in this module: it ends the demo mandate the filing test above relies on."""
    with signed_in(site, "enterprise") as enterprise:
        page = enterprise.get("/my/mandates").text
        number = re.findall(r'action="/my/mandates/(\d+)/revoke"', page)[0]
        enterprise.post(f"/my/mandates/{number}/revoke",
                        data={"csrf_token": field(page, "csrf_token")})
    with signed_in(site, "butler") as butler:
        assert "您还没有有效的代办授权" in butler.get(f"/apply/{WORKS}").text
        refused = file_for_the_enterprise(butler, WORKS)
        assert refused.status_code == 403
        assert "该企业对您的代办授权已撤销" in refused.text
    with signed_in(site, "enterprise") as enterprise:
        granted = enterprise.post("/my/mandates", data={
            "csrf_token": csrf(enterprise, "/my/mandates"), "butler": "butler",
            "expires_on": "2099-12-31", "scope": "list", "matters": [SITE]})
        assert granted.status_code == 303
    with signed_in(site, "butler") as butler:
        page = butler.get("/my/mandates").text
        pending = re.findall(r'action="/my/mandates/(\d+)/accept"', page)
        assert len(pending) == 1
        accepted = butler.post(f"/my/mandates/{pending[0]}/accept", follow_redirects=True,
                               data={"csrf_token": field(page, "csrf_token")})
        shown = text_of(accepted.text)
        assert "已接受授权" in shown and SITE in shown and "有效" in shown
        outside = file_for_the_enterprise(butler, WORKS)
        assert outside.status_code == 403
        assert "该事项不在企业授权范围内" in outside.text
        revoked = butler.post(f"/my/mandates/{pending[0]}/revoke", follow_redirects=True,
                              data={"csrf_token": field(page, "csrf_token"), "reason": "项目结束"})
        assert "授权已撤销" in revoked.text and "项目结束" in revoked.text
