"""Version history and the diff page, over real HTTP on demo data.

The demo zone: 建设用地规划许可证核发 (0001) has a third version waiting for its effective
date; 建设工程规划许可证核发 (0002) dropped the catch-all 有关部门要求的其他材料.
"""

import re

import httpx

from tests.live import signed_in

SCHEDULED = "430103-01-0001"
REVISED = "430103-01-0002"


def badges(page: str) -> list[str]:
    """The version headings of the history, newest first: (version, state label)."""
    return re.findall(r"<h3>(第 \d+ 版) <span class=\"badge [a-z_]+\">([^<]+)</span>", page)


def test_the_editor_reaches_the_history_from_the_versions_page(demo_url: str) -> None:
    editor, _ = signed_in(demo_url, "editor")
    versions = editor.get(f"/editor/matters/{SCHEDULED}").text
    assert f'href="/matters/{SCHEDULED}/history"' in versions
    page = editor.get(f"/matters/{SCHEDULED}/history")
    assert page.status_code == 200
    assert badges(page.text) == [("第 3 版", "待生效"), ("第 2 版", "已发布"),
                                 ("第 1 版", "已被替代")]
    assert "到期自动发布" in page.text and "现行有效" in page.text
    assert f'href="/matters/{SCHEDULED}/diff?from=1&amp;to=2"' in page.text


def test_the_diff_page_lists_each_change_with_before_and_after(demo_url: str) -> None:
    editor, _ = signed_in(demo_url, "editor")
    page = editor.get(f"/matters/{REVISED}/diff", params={"from": 1, "to": 2})
    assert page.status_code == 200
    removed = re.findall(r'<li class="removed"><span class="mark">删除</span> <del>([^<]+)</del>',
                         page.text)
    assert "有关部门要求的其他材料" in removed
    assert any(step.startswith("初审") for step in removed)
    assert re.search(r"承诺办结时限</th><td[^>]*><del>15</del></td><td[^>]*><ins>7</ins>",
                     page.text)
    assert "材料形式：<del>纸质</del> → <ins>电子</ins>" in page.text
    latest = editor.get(f"/matters/{SCHEDULED}/diff")  # the latest two by default
    assert "<strong>第 2 版</strong>" in latest.text and "<strong>第 3 版</strong>" in latest.text
    fragment = editor.get(f"/matters/{REVISED}/diff", params={"from": 2, "to": 1},
                          headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and 'id="diff"' in fragment.text
    assert fragment.headers["vary"] == "HX-Request"
    assert "<ins>有关部门要求的其他材料</ins>" in fragment.text  # backwards, it comes back


def test_reviewers_read_the_diff_and_others_are_kept_out(demo_url: str) -> None:
    lead, _ = signed_in(demo_url, "lead")
    assert "有关部门要求的其他材料" in lead.get(f"/matters/{REVISED}/diff?from=1&to=2").text
    market, _ = signed_in(demo_url, "editor")
    assert market.get("/matters/430103-01-0011/history").status_code == 404  # not its department
    applicant, _ = signed_in(demo_url, "applicant")
    assert applicant.get(f"/matters/{REVISED}/history").status_code == 403
    anonymous = httpx.get(f"{demo_url}/matters/{REVISED}/diff", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/sign-in")


def test_an_editor_cancels_a_draft_from_the_history(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    code = "430103-01-0003"
    assert editor.post(f"/api/catalog/v1/matters/{code}/versions",
                       headers={"X-CSRF-Token": csrf}).status_code == 201
    assert "作废此版本" in editor.get(f"/matters/{code}/history").text
    done = editor.post(f"/matters/{code}/history/2/cancel", data={"csrf_token": csrf},
                       headers={"HX-Request": "true"})
    assert done.status_code == 200 and "版本 2 已作废。" in done.text
    assert badges(done.text)[0] == ("第 2 版", "已取消")
    again = editor.post(f"/matters/{code}/history/2/cancel", data={"csrf_token": csrf})
    assert again.status_code == 409 and "当前状态不允许此操作" in again.text
    assert editor.post(f"/matters/{code}/history/1/cancel").status_code == 403  # no CSRF token
    lead, lead_csrf = signed_in(work_url, "lead")
    assert "作废此版本" not in lead.get(f"/matters/{code}/history").text
    assert lead.post(f"/matters/{code}/history/1/cancel",
                     data={"csrf_token": lead_csrf}).status_code == 403


def test_the_diff_names_every_element_and_value_from_the_layout(demo_url: str) -> None:
    editor, _ = signed_in(demo_url, "editor")
    diff = f"/matters/{REVISED}/diff"
    zh = editor.get(diff, params={"from": 1, "to": 2}).text
    assert re.search(r"网办深度</th><td[^>]*><del>二级（表格下载、网上预约）</del>", zh)
    assert "到现场理由</th>" in zh
    en = editor.get(diff, params={"from": 1, "to": 2, "lang": "en"}).text
    assert re.search(r"Online depth</th><td[^>]*><del>Level 2 \(forms, appointments\)</del>", en)
    assert "Form: <del>Paper</del> → <ins>Electronic</ins>" in en
    for page in (zh, en):  # no element shown by its key
        assert not re.search(r">\s*[a-z_]+\.[a-z_]+\s*<", page)
        assert "online_depth<" not in page and "onsite_reason<" not in page
