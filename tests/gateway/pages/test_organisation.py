"""The administrator's organisation pages: departments (credit code checked, parent, windows),
windows of the hall, review groups and the ordered routing rules with their preview, over real
HTTP against the platform. Each test writes under codes of its own and changes no demo
matter's routing."""

import re

import httpx

from tests.live import signed_in

PLANNING = "11430100707230200T"  # 自然资源和规划局
CENTRE = "11430100707230800W"


def post(client: httpx.Client, csrf: str, path: str, **form: object) -> httpx.Response:
    return client.post(path, data={"csrf_token": csrf, **form}, follow_redirects=False)


def test_the_administrator_adds_and_edits_a_department(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    page = admin.get("/admin/departments")
    assert page.status_code == 200 and "自然资源和规划局" in page.text and PLANNING in page.text

    wrong = post(admin, csrf, "/admin/departments", code="114301007072301006", name="某中心")
    assert wrong.status_code == 422 and "unified social credit code" in wrong.text
    assert 'value="某中心"' in wrong.text  # the form keeps what was typed

    added = post(admin, csrf, "/admin/departments", code=CENTRE, name="不动产登记中心",
                 parent_code=PLANNING, windows=["planning"])
    assert added.status_code == 303
    listed = admin.get(added.headers["location"])
    assert "部门“11430100707230800W”已保存" in listed.text
    row = re.search(r'<tr id="department-11430100707230800W">.*?</tr>', listed.text, re.S)
    assert row and "不动产登记中心" in row[0] and "自然资源和规划局" in row[0]
    assert "规划建设窗口" in row[0]

    edit = admin.get(f"/admin/departments/{CENTRE}")
    assert edit.status_code == 200 and 'value="不动产登记中心"' in edit.text
    saved = post(admin, csrf, f"/admin/departments/{CENTRE}", name="不动产登记服务中心",
                 parent_code="", windows=["planning", "social"])
    assert saved.status_code == 303
    row = re.search(r'<tr id="department-11430100707230800W">.*?</tr>',
                    admin.get("/admin/departments").text, re.S)
    assert row and "不动产登记服务中心" in row[0] and "社会事务窗口" in row[0]
    assert admin.get("/admin/departments/11430100707230900J").status_code == 404


def test_the_administrator_opens_and_renames_a_window(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")

    assert post(admin, csrf, "/admin/windows", code="Tax Hall", name="税务").status_code == 422
    assert post(admin, csrf, "/admin/windows", code="tax-org", name="税务窗口").status_code == 303
    assert post(admin, csrf, "/admin/windows/tax-org", name="税费综合窗口").status_code == 303

    page = admin.get("/admin/windows?saved=tax-org")
    assert 'value="税费综合窗口"' in page.text and "窗口“tax-org”已保存" in page.text
    editor, _ = signed_in(work_url, "editor")
    assert post(editor, csrf, "/admin/windows", code="x", name="x").status_code == 403


def test_groups_and_ordered_rules_route_and_preview(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")
    post(admin, csrf, "/admin/windows", code="pages-org", name="测试窗口")
    created = post(admin, csrf, "/admin/review-groups", code="G7", name="审核七组",
                   domains="测试领域", windows=["pages-org"])
    assert created.status_code == 303
    groups = admin.get(created.headers["location"]).text
    assert 'value="审核七组"' in groups and 'id="g-G7-pages-org" name="windows" ' \
        'value="pages-org" checked' in groups
    # each group lists its members (set on their accounts), the lead marked
    g1 = groups[groups.index('id="group-G1"'):groups.index('id="group-G2"')]
    assert "成员 9 人，来自 9 个单位" in g1 and "赵组长（审核一组）" in g1 and ">组长<" in g1
    assert "暂无成员" in groups[groups.index('id="group-G7"'):]

    page = admin.get("/admin/routing")
    assert page.status_code == 200 and "规划建设窗口" in page.text
    assert re.search(r'id="rule-default">.*?G1', page.text, re.S)  # the default group
    added = post(admin, csrf, "/admin/routing/rules", window="pages-org", department_code="",
                 matter_type="01", group="G1", note="测试：许可先到一组", position="")
    assert added.status_code == 303
    rules = dict(re.findall(r'<tr id="rule-(\d+)">.*?<td[^>]*>(\d+) ', admin.get(
        "/admin/routing").text, re.S))
    [new] = [rule for rule, position in rules.items() if position == str(len(rules))]

    later = admin.get("/admin/routing", params={"window": "pages-org", "matter_type": "01"})
    assert "交给审核组 G7" in later.text  # the group's own window rule comes first
    assert post(admin, csrf, f"/admin/routing/rules/{new}/move", position=1).status_code == 303
    first = admin.get("/admin/routing", params={"window": "pages-org", "matter_type": "01"})
    assert "符合第 1 条规则" in first.text and "交给审核组 G1" in first.text
    other = admin.get("/admin/routing", params={"window": "pages-org", "matter_type": "07"})
    assert "交给审核组 G7" in other.text

    assert post(admin, csrf, f"/admin/routing/rules/{new}/delete").status_code == 303
    assert f'id="rule-{new}"' not in admin.get("/admin/routing").text


def test_the_preview_of_a_real_matter_names_its_rule(work_url: str) -> None:
    admin, _ = signed_in(work_url, "admin")

    page = admin.get("/admin/routing", params={"matter": "430103-01-0002"})

    assert "建设工程规划许可证核发" in page.text
    assert re.search(r"符合第 \d+ 条规则（#\d+：窗口：规划建设窗口）", page.text)
    assert "交给审核组 G1" in page.text
    missing = admin.get("/admin/routing", params={"matter": "no-such-matter"})
    assert "没有找到事项：no-such-matter" in missing.text


def test_a_rule_without_criterion_is_refused_in_words(work_url: str) -> None:
    admin, csrf = signed_in(work_url, "admin")

    refused = post(admin, csrf, "/admin/routing/rules", window="", department_code="",
                   matter_type="", group="G1", note="", position="")

    assert refused.status_code == 422 and "填写的内容不符合要求" in refused.text
    assert "default group" in refused.text
