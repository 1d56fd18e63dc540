"""Accounts, units and the bulk import on the administrators' pages, and the one-time link's
page (over real HTTP on the platform that writes)."""

import html
import re
from urllib.parse import urlsplit

import httpx

from tests.live import signed_in


def one_time_link(page: str) -> str:
    """The path of the one-time link a page shows once."""
    found = re.search(r'<code class="link">([^<]+)</code>', page)
    assert found, page[:2000]
    return urlsplit(html.unescape(found[1])).path


def test_the_system_administrator_invites_and_the_person_sets_a_password_once(
        work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    form = admin.get("/admin/accounts").text
    assert "新建账号" in form and "住房和城乡建设局" in form and "审核一组" in form
    created = admin.post("/admin/accounts", data={
        "csrf_token": csrf, "username": "page.person", "display_name": "页面新人",
        "group_code": "G2", "unit": "czj"})
    assert created.status_code == 201 and "只显示这一次" in created.text
    path = one_time_link(created.text)
    assert "待设置密码" in admin.get("/admin/accounts").text
    with httpx.Client(base_url=work_url, timeout=30) as person:
        assert "页面新人，您好" in person.get(path).text
        done = person.post(path, data={"new": "page-person-pw-1", "again": "page-person-pw-1"})
        assert done.status_code == 200 and "密码已设置" in done.text
        assert person.get(path).status_code == 404
        signed = person.post("/api/auth/sign-in", json={"username": "page.person",
                                                        "password": "page-person-pw-1"})
        assert signed.status_code == 200
    twice = admin.post("/admin/accounts", data={
        "csrf_token": csrf, "username": "page.person", "display_name": "又一个"})
    assert twice.status_code == 422 and "exists already" in twice.text


def test_the_account_page_shows_each_administrator_the_forms_of_its_job(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    page = admin.get("/admin/accounts/g3r6").text
    assert "修改账号信息" in page and "停用账号" in page and "保存角色" not in page
    disabled = admin.post("/admin/accounts/g3r6/disable", data={"csrf_token": csrf})
    assert "账号已停用" in admin.get(disabled.headers["location"]).text
    refused = httpx.post(f"{work_url}/api/auth/sign-in",
                         json={"username": "g3r6", "password": "onewindow-demo"})
    assert refused.status_code == 401
    admin.post("/admin/accounts/g3r6/enable", data={"csrf_token": csrf})
    reset = admin.post("/admin/accounts/g3r6/reset", data={"csrf_token": csrf})
    assert "原密码已失效" in reset.text and one_time_link(reset.text).startswith("/invitation/")
    security, token = signed_in(work_url, "security")
    page = security.get("/admin/accounts/g3r5").text
    assert "保存角色" in page and "修改账号信息" not in page
    given = security.post("/admin/accounts/g3r5/roles",
                          data={"csrf_token": token, "roles": ["reviewer", "lead"]})
    assert "角色已更新" in security.get(given.headers["location"]).text
    assert security.post("/admin/accounts", data={"csrf_token": token}).status_code == 403


def test_units_are_kept_on_their_page(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    assert "应急管理局" in admin.get("/admin/units").text
    added = admin.post("/admin/units", data={"csrf_token": csrf, "code": "tyj",
                                             "name": "体育局"})
    assert "单位已添加" in admin.get(added.headers["location"]).text
    used = admin.post("/admin/units/sfj/remove", data={"csrf_token": csrf})
    assert used.status_code == 409 and "still belong" in used.text
    bad = admin.post("/admin/units", data={"csrf_token": csrf, "code": "体育", "name": "x"})
    assert bad.status_code == 400 and "单位代码只能用" in bad.text


def test_an_import_is_previewed_then_done_whole(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    page = admin.get("/admin/imports").text
    assert "/api/admin/imports/template.xlsx" in page
    assert admin.get("/api/admin/imports/template.xlsx").status_code == 200
    bad = "用户名,姓名,单位\nimp.one,导入一,sfj\nimp.two,,nowhere\n".encode()
    refused = admin.post("/admin/imports", data={"csrf_token": csrf, "kind": "accounts"},
                         files={"file": ("bad.csv", bad, "text/csv")})
    assert refused.status_code == 422 and "未导入任何内容" in refused.text
    assert "不能为空" in refused.text and "单位 nowhere 不存在" in refused.text
    good = "用户名,姓名,审核组代码,单位\nimp.one,导入一,G1,sfj\nimp.two,导入二,G3,财政局\n"
    preview = admin.post("/admin/imports", data={"csrf_token": csrf, "kind": "accounts"},
                         files={"file": ("good.csv", good.encode(), "text/csv")})
    assert preview.status_code == 200 and "将导入 0 个单位、2 个账号" in preview.text
    rows = re.search(r'name="rows" value="([^"]*)"', preview.text)
    assert rows
    done = admin.post("/admin/imports/confirm",
                      data={"csrf_token": csrf, "rows": html.unescape(rows[1])})
    assert done.status_code == 201 and done.text.count("/invitation/") == 2
    again = admin.post("/admin/imports/confirm",
                       data={"csrf_token": csrf, "rows": html.unescape(rows[1])})
    assert again.status_code == 422 and "用户名 imp.one 已存在" in again.text
