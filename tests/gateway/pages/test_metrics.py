"""The reform-metrics page over real HTTP on demo data: 9 matters went from a 2025-03-01 version
to today's (53 committed days cut in all, 15 for 自然资源和规划局)."""

import re

from tests.live import signed_in


def tile(page: str, label: str) -> str:
    found = re.search(rf'<span class="rm-label">{label}</span>\s*<span class="rm-value">(\d+)',
                      page)
    assert found, label
    return found[1]


def test_the_metrics_page_reports_the_zone_as_the_seed_does(demo_url: str) -> None:
    supervisor, _ = signed_in(demo_url, "supervisor")
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
        demo_url: str) -> None:
    editor, _ = signed_in(demo_url, "editor")
    page = editor.get("/metrics", params={"since": "2025-06-01"}).text
    assert "自然资源和规划局 · 自 2025-06-01 以来" in page
    assert tile(page, "压减承诺办理时限") == "15"
    assert "全区 · 自" in editor.get("/metrics", params={"since": "2025-06-01",
                                                       "department": "all"}).text
    bad = editor.get("/metrics", params={"since": "2025-13-01"})
    assert bad.status_code == 422 and "请按“年-月-日”填写起始日期" in bad.text
    future = editor.get("/metrics", params={"since": "2999-01-01"})
    assert future.status_code == 422 and "起始日期不能晚于今天" in future.text
    clerk, _ = signed_in(demo_url, "clerk")
    assert clerk.get("/metrics").status_code == 403
