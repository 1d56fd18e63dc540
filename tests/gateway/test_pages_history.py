"""Version history, the diff page and the reform-metrics page, over real HTTP on demo data.

The demo zone: 9 matters went from a 2025-03-01 version to today's (53 committed days cut in
all, 15 for 自然资源和规划局); 建设用地规划许可证核发 (0001) has a third version waiting for its
effective date; 建设工程规划许可证核发 (0002) dropped the catch-all 有关部门要求的其他材料.
"""

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.live import embedded_platform, signed_in

SCHEDULED = "430103-01-0001"
REVISED = "430103-01-0002"


@pytest.fixture(scope="module")
def platform_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole platform (embedded, SQLite, demo data) on a free port."""
    with embedded_platform(tmp_path_factory.mktemp("history-pages")) as url:
        yield url




def badges(page: str) -> list[str]:
    """The version headings of the history, newest first: (version, state label)."""
    return re.findall(r"<h3>(第 \d+ 版) <span class=\"badge [a-z_]+\">([^<]+)</span>", page)


def test_the_editor_reaches_the_history_from_the_versions_page(platform_url: str) -> None:
    editor, _ = signed_in(platform_url, "editor")
    versions = editor.get(f"/editor/matters/{SCHEDULED}").text
    assert f'href="/matters/{SCHEDULED}/history"' in versions
    page = editor.get(f"/matters/{SCHEDULED}/history")
    assert page.status_code == 200
    assert badges(page.text) == [("第 3 版", "待生效"), ("第 2 版", "已发布"),
                                 ("第 1 版", "已被替代")]
    assert "到期自动发布" in page.text and "现行有效" in page.text
    assert f'href="/matters/{SCHEDULED}/diff?from=1&amp;to=2"' in page.text


def test_the_diff_page_lists_each_change_with_before_and_after(platform_url: str) -> None:
    editor, _ = signed_in(platform_url, "editor")
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


def test_reviewers_read_the_diff_and_others_are_kept_out(platform_url: str) -> None:
    lead, _ = signed_in(platform_url, "lead")
    assert "有关部门要求的其他材料" in lead.get(f"/matters/{REVISED}/diff?from=1&to=2").text
    market, _ = signed_in(platform_url, "editor")
    assert market.get("/matters/430103-01-0011/history").status_code == 404  # not its department
    applicant, _ = signed_in(platform_url, "applicant")
    assert applicant.get(f"/matters/{REVISED}/history").status_code == 403
    anonymous = httpx.get(f"{platform_url}/matters/{REVISED}/diff", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/sign-in")


def test_an_editor_cancels_a_draft_from_the_history(platform_url: str) -> None:
    editor, csrf = signed_in(platform_url, "editor")
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
    lead, lead_csrf = signed_in(platform_url, "lead")
    assert "作废此版本" not in lead.get(f"/matters/{code}/history").text
    assert lead.post(f"/matters/{code}/history/1/cancel",
                     data={"csrf_token": lead_csrf}).status_code == 403


def tile(page: str, label: str) -> str:
    found = re.search(rf'<span class="rm-label">{label}</span>\s*<span class="rm-value">(\d+)',
                      page)
    assert found, label
    return found[1]


def test_the_metrics_page_reports_the_zone_as_the_seed_does(platform_url: str) -> None:
    supervisor, _ = signed_in(platform_url, "supervisor")
    page = supervisor.get("/metrics", params={"since": "2025-06-01"})
    assert page.status_code == 200
    assert "全区 · 自 2025-06-01 以来" in page.text
    assert tile(page.text, "压减承诺办理时限") == "53"
    assert tile(page.text, "简化办理环节") == "15"
    assert tile(page.text, "明确兜底条款") == "4"
    assert tile(page.text, "明确裁量基准") == "9"
    assert page.text.count("<rect ") == 7  # one bar per department
    market = supervisor.get("/metrics", params={"since": "2025-06-01",
                                                "department": "114301007072304006"},
                            headers={"HX-Request": "true"})
    assert "<html" not in market.text
    assert "市场监督管理局 · 自 2025-06-01 以来" in market.text
    assert tile(market.text, "压减承诺办理时限") == "7"


def test_editors_see_their_department_first_and_bad_dates_are_explained(
        platform_url: str) -> None:
    editor, _ = signed_in(platform_url, "editor")
    page = editor.get("/metrics", params={"since": "2025-06-01"}).text
    assert "自然资源和规划局 · 自 2025-06-01 以来" in page
    assert tile(page, "压减承诺办理时限") == "15"
    assert "全区 · 自" in editor.get("/metrics", params={"since": "2025-06-01",
                                                       "department": "all"}).text
    bad = editor.get("/metrics", params={"since": "2025-13-01"})
    assert bad.status_code == 422 and "请按“年-月-日”填写起始日期" in bad.text
    future = editor.get("/metrics", params={"since": "2999-01-01"})
    assert future.status_code == 422 and "起始日期不能晚于今天" in future.text
    clerk, _ = signed_in(platform_url, "clerk")
    assert clerk.get("/metrics").status_code == 403
