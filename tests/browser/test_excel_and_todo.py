"""Compile by Excel in a browser, and the department's to-do list after a law changed."""

from pathlib import Path

from tests.browser.conftest import screenshot, sign_in, watch
from tests.catalog.excel.workbooks import clerk_matter, filled, merged

LAW = "中华人民共和国城乡规划法"
DEMO_MATTER = "建设工程规划许可证核发"  # the demo matter citing 第四十条 of that law
NEW_TEXT = "在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当依法申请办理建设工程规划许可证。"  # noqa: E501


def snap(page, name: str) -> None:  # type: ignore[no-untyped-def]
    screenshot(page, name)
    page.evaluate("window.scrollTo(0, 0)")


def download_template(page) -> bytes:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.click("text=下载空白模板")
    download = info.value
    assert download.suggested_filename == "事项标准导入模板.xlsx"
    return Path(download.path()).read_bytes()


def test_editor_uploads_a_workbook_sees_progress_then_the_drafts(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor")
    page.click("text=Excel 批量编制")
    assert page.url.endswith("/editor/excel")
    template = download_template(page)
    # They cite another article than the one the next test amends.
    rows = merged(*(clerk_matter(f"430199-01-8{i:03d}", f"批量导入事项{i:03d}",
                                 {("设定依据", 0, "条"): "第四十三条"}) for i in range(250)))
    workbook = tmp_path / "规划局批量导入.xlsx"
    workbook.write_bytes(filled(template, rows))

    page.set_input_files("#xl-file", str(workbook))
    page.click("text=上传并导入")
    page.wait_for_url("**/editor/excel/imports/*")
    assert page.is_visible("#xl-progress"), "a large file shows its progress while it runs"
    assert page.inner_text(".xl-state").strip() != ""
    snap(page, "excel-import-progress")
    page.wait_for_selector("text=导入完成", timeout=90_000)
    job = page.inner_text("#job")
    assert "新建 250 个事项" in job and "新建的事项 250" in job
    assert not page.is_visible("#xl-progress")
    snap(page, "excel-import-done")
    page.click("summary:has-text('新建的事项')")  # long lists start folded
    assert page.is_visible("text=批量导入事项249")

    # A workbook with mistakes: every one listed by sheet, row and column; nothing saved.
    bad = merged(clerk_matter("430199-01-9001", "错误示例事项",
                              {("事项", 0, "承诺办结时限"): "五天",
                               ("申请材料", 1, "材料形式"): "快递"}))
    broken = tmp_path / "有错误的文件.xlsx"
    broken.write_bytes(filled(template, bad))
    page.goto("/editor/excel")
    page.set_input_files("#xl-file", str(broken))
    page.click("text=上传并导入")
    page.wait_for_selector("table.xl-errors", timeout=60_000)
    table = page.inner_text("table.xl-errors")
    assert "五天" in table and "快递" in table and "申请材料" in table
    assert "2 处错误" in page.inner_text("#job")
    snap(page, "excel-import-errors")
    page.goto("/editor/matters?q=错误示例事项")
    assert "错误示例事项" not in page.inner_text("#matter-list")

    # A file that is not a workbook is refused on the form.
    text = tmp_path / "事项清单.txt"
    text.write_text("not a workbook", encoding="utf-8")
    page.goto("/editor/excel")
    page.set_input_files("#xl-file", str(text))
    page.click("text=上传并导入")
    assert "xlsx" in page.inner_text("#xl-error")


def test_an_amended_article_reaches_the_departments_to_do_list(page, browser, base_url) -> None:  # type: ignore[no-untyped-def]
    # The administrator records that 第四十条 was amended.
    sign_in(page, "admin")
    page.goto(f"/admin/legal?q={LAW}")
    page.click(f"summary:has-text('{LAW}')")
    article = page.locator("section.lg-article", has_text="第四十条").first
    article.locator("summary", has_text="登记修改或废止").click()
    article.locator("textarea[name=new_text]").fill(NEW_TEXT)
    article.locator("input[name=note]").fill("2019 年 4 月修正")
    article.locator("button[type=submit]").click()
    page.wait_for_selector("#registry .notice.ok")
    notice = page.inner_text("#registry .notice.ok")
    assert "第四十条" in notice and "1 个部门" in notice
    snap(page, "legal-registry-amended")

    # The planning bureau's editor finds one revision task next to the anomalies.
    context = browser.new_context(base_url=base_url, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    editor = context.new_page()
    errors: list[str] = []
    watch(editor, errors)
    sign_in(editor, "editor")
    editor.click("text=待办事项")
    heading = editor.inner_text("h1")
    assert "待办事项" in heading and "1" in heading
    revisions = editor.inner_text("section[aria-labelledby=td-revisions]")
    assert DEMO_MATTER in revisions and LAW in revisions and "· 材料" in revisions
    editor.click("text=查看条文变化")
    assert NEW_TEXT[:20] in editor.inner_text("section[aria-labelledby=td-revisions]")
    snap(editor, "todo-with-revision")
    editor.set_viewport_size({"width": 390, "height": 844})
    snap(editor, "todo-with-revision-phone")
    editor.set_viewport_size({"width": 1280, "height": 900})

    # Answering closes it, and the counts follow.
    form = editor.locator("section[aria-labelledby=td-revisions] form").first
    form.locator("button[type=submit]").click()  # empty: refused next to the field
    assert editor.locator("section[aria-labelledby=td-revisions] textarea:invalid").count() == 1
    form.locator("textarea").fill("本事项引用的条文含义未变，下一版本统一更新条文内容。")
    form.locator("button[type=submit]").click()
    editor.wait_for_selector("text=已答复并关闭。")
    assert "没有待修订的法律依据。" in editor.inner_text("#todo")
    assert "法律依据修订 0 个" in editor.inner_text("#todo")
    snap(editor, "todo-answered")
    context.close()
    assert not errors, f"browser console errors: {errors}"
