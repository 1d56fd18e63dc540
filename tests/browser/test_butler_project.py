"""The butler's project through the pages: the enterprise asks for a butler for a new plant,
the butler takes it, draws up three matters, reorders them, files the first for the
enterprise through the apply page, and the enterprise follows the whole project on one page."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot, sign_in, watch
from tests.browser.test_apply_story import PHONE, wait_for_the_demo_lists

MATTERS = ["建设用地规划许可证核发", "建设工程规划许可证核发", "建设项目用地预审与选址意见书核发"]
CODES = ["430103-01-0001", "430103-01-0002", "430103-01-0004"]


@pytest.fixture
def person(browser: Browser, base_url: str) -> Iterator[object]:
    """A fresh signed-out page per person (its own cookies); no console error allowed."""
    contexts, errors = [], []

    def open_as(username: str, viewport: dict[str, int] | None = None) -> Page:
        context = browser.new_context(base_url=base_url, locale="zh-CN",
                                      viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        watch(page, errors)
        sign_in(page, username)
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert not errors, f"browser console errors: {errors}"


def test_a_butler_draws_up_three_matters_files_the_first_and_the_enterprise_follows(
        person, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wait_for_the_demo_lists(base_url)
    enterprise = person("enterprise")
    enterprise.get_by_role("link", name="我的项目").click()
    enterprise.fill("#name", "长沙智造三期新厂")
    enterprise.fill("#location", "天心区暮云街道")
    enterprise.fill("#description", "新建一栋生产厂房")
    enterprise.get_by_role("button", name="提交需求").click()
    expect(enterprise.locator("h1")).to_contain_text("长沙智造三期新厂")
    expect(enterprise.locator("main")).to_contain_text("等待分配服务管家")
    project_url = enterprise.url

    butler = person("butler")
    butler.goto("/projects")
    expect(butler.locator("h1")).to_have_text("管家工作台")
    row = butler.locator("tr", has_text="长沙智造三期新厂")
    row.get_by_role("button", name="接手此项目").click()
    for code in CODES:
        butler.select_option("#implementation_code", value=code)
        butler.get_by_role("button", name="加入清单").click()
    butler.get_by_role("button", name=f"上移：{MATTERS[2]}").click()
    butler.get_by_role("button", name=f"上移：{MATTERS[2]}").click()
    items = butler.locator("ol.project-items > li h3")
    expect(items.first).to_contain_text(MATTERS[2])
    expect(butler.locator("main")).to_contain_text("20 个工作日")
    screenshot(butler, "butler-1-workbench")

    butler.locator("ol.project-items > li").first.get_by_role("link", name="代为申报").click()
    expect(butler.locator("main")).to_contain_text("这是项目清单中的事项")
    expect(butler.locator("#applicant_name")).to_have_value("长沙天心智造科技有限公司")
    butler.fill("#legal_representative", "王立")
    butler.fill("#phone", "0731-85551234")
    material = tmp_path / "选址申请表.pdf"
    material.write_bytes(b"%PDF-1.4\n% site selection form\n%%EOF\n")
    butler.set_input_files("#slot-0", str(material))
    butler.check("input[name=confirm_incomplete]")
    butler.get_by_role("button", name="提交申请").click()
    expect(butler.locator("main")).to_contain_text("已代为申报")
    assert butler.url.startswith(project_url)

    enterprise.set_viewport_size(PHONE)
    enterprise.goto(project_url)
    first = enterprise.locator("ol.project-items > li").first
    expect(first).to_contain_text(MATTERS[2])
    expect(first).to_contain_text("已提交")
    expect(first).to_contain_text("等待：受理窗口")
    expect(enterprise.locator("ol.project-items > li")).to_have_count(3)
    expect(enterprise.locator("main")).to_contain_text("周管家（服务管家）")
    screenshot(enterprise, "butler-2-enterprise-follows-on-a-phone")
    first.locator("a.case-number").click()
    expect(enterprise.locator("main")).to_contain_text("代办人")


def test_the_enterprise_sees_its_mandate_and_the_butler_can_revoke_it(
        person, base_url: str) -> None:  # type: ignore[no-untyped-def]
    enterprise = person("enterprise")
    enterprise.get_by_role("link", name="我的授权").click()
    card = enterprise.locator("article.mandate", has_text="周管家（服务管家）")
    expect(card).to_contain_text("有效")
    expect(card).to_contain_text("全部事项")
    expect(enterprise.get_by_label("服务管家用户名")).to_be_visible()
    screenshot(enterprise, "butler-3-enterprise-mandates")
    butler = person("butler")
    butler.goto("/my/mandates")
    expect(butler.locator("article.mandate").first).to_contain_text("长沙天心智造科技有限公司")
    expect(butler.get_by_role("button", name="撤销授权").first).to_be_visible()
    screenshot(butler, "butler-4-butler-mandates")
