"""Version history, the diff page and the reform metrics, in a real browser on demo data."""

from tests.browser.conftest import screenshot, sign_in

REVISED = "430103-01-0002"  # 建设工程规划许可证核发: the catch-all material dropped in v2


def test_an_editor_follows_the_history_to_the_diff_and_swaps_the_versions(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor")
    page.goto(f"/editor/matters/{REVISED}")
    page.click("text=版本历史与比较")
    page.wait_for_url(f"**/matters/{REVISED}/history")
    assert page.locator("ol.timeline h3").first.inner_text().startswith("第 2 版")
    page.click("text=与版本 1 比较")
    page.wait_for_url(f"**/matters/{REVISED}/diff?from=1&to=2")
    removed = page.locator("#d-materials li.removed")
    assert removed.inner_text().endswith("有关部门要求的其他材料")
    limits = page.locator("#d-limits tbody tr").first
    assert "承诺办结时限" in limits.inner_text() and "15" in limits.inner_text()
    assert page.locator("#d-steps .badge.removed").inner_text() == "删除 2"
    screenshot(page, "history-1-diff")

    # HTMX: compare the other way round; the address follows, the page is not reloaded.
    page.select_option("#cmp-from", "2")
    page.select_option("#cmp-to", "1")
    page.click("#diff button[type=submit]")
    page.wait_for_url(f"**/matters/{REVISED}/diff?from=2&to=1")
    assert page.locator("#d-materials li.added").inner_text().endswith("有关部门要求的其他材料")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "history-2-diff-phone")


def test_an_editor_cancels_a_draft_from_the_history(page) -> None:  # type: ignore[no-untyped-def]
    code = "430103-07-0005"
    sign_in(page, "editor")
    page.goto(f"/editor/matters/{code}")
    page.click("text=起草新版本")
    page.wait_for_selector("text=第 2 版")
    page.goto(f"/matters/{code}/history")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("text=作废此版本")
    page.wait_for_selector("text=版本 2 已作废。")
    assert page.locator("ol.timeline h3").first.inner_text().startswith("第 2 版 已取消")
    assert page.locator("text=作废此版本").count() == 0
    screenshot(page, "history-3-cancelled")


def test_a_supervisor_reads_the_reform_metrics_and_charts_another_measure(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "supervisor")
    page.goto("/metrics")
    page.fill("#rm-since", "2025-06-01")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/metrics?since=2025-06-01*")
    assert page.locator("#rm-headline").inner_text() == "全区 · 自 2025-06-01 以来"
    days = page.locator(".rm-tile", has_text="压减承诺办理时限").locator(".rm-value")
    assert days.inner_text() == "53"
    assert page.locator("svg.bars rect").count() == 7
    screenshot(page, "metrics-1-zone")

    page.click(".rm-tile >> text=简化办理环节")
    page.wait_for_selector("figcaption >> text=各部门简化办理环节（个）")
    assert page.locator(".rm-tile.chosen .rm-label").inner_text() == "简化办理环节"
    page.select_option("#rm-department", "114301007072304006")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#rm-headline >> text=市场监督管理局 · 自 2025-06-01 以来")
    assert days.inner_text() == "7"
    assert page.locator("figcaption").inner_text() == "各部门简化办理环节（个）"  # kept
    assert page.locator("svg.bars .chosen text.label").text_content() == "市场监督管理局"
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "metrics-2-department-phone")
