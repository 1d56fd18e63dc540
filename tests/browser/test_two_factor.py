"""Two factors in the browser: a staff account enrols (QR code, recovery codes), signs in
again with a code; too many wrong passwords show when to try again. On a platform of its own,
with a staff account that is no demo account (demo staff are exempt in development)."""

import re
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest

from gateway import identity
from kit.db import Database
from tests.browser.conftest import screenshot, sign_in
from tests.live import embedded_platform

PASSWORD = "a-long-staff-password"


@pytest.fixture(scope="module")
def staff_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("two-factor-platform")
    with embedded_platform(folder) as url:
        db = Database(f"sqlite:///{folder}", "gateway")
        with db.session() as s:
            identity.create_account(s, username="chen", password=PASSWORD,
                                    display_name="陈科员（窗口）", roles=["clerk"])
        db.dispose()
        yield url


@pytest.fixture
def staff_page(browser, staff_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from tests.browser.conftest import watch
    context = browser.new_context(base_url=staff_url, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    watch(page, errors)
    yield page
    context.close()
    assert not errors, f"browser console errors: {errors}"


def test_a_staff_account_enrols_then_signs_in_with_a_code(staff_page) -> None:  # type: ignore[no-untyped-def]
    page = staff_page
    sign_in(page, "chen", PASSWORD)
    assert page.url.endswith("/sign-in/enrol?next=/")
    assert page.locator("figure.qr svg").is_visible()
    screenshot(page, "two-factor-enrol")
    secret = page.inner_text("code.secret").replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.fill("#code", totp.now())
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{8}", c) for c in codes)
    screenshot(page, "two-factor-recovery-codes")
    page.click("text=我已保存，继续")
    page.wait_for_load_state("networkidle")
    assert "陈科员" in page.inner_text("header") and page.url.endswith("/clerk/applications")
    page.click("text=退出")
    page.wait_for_load_state("networkidle")
    sign_in(page, "chen", PASSWORD)
    assert "/sign-in/code" in page.url
    page.fill("#code", "000000")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "验证码不正确" in page.inner_text("main")
    screenshot(page, "two-factor-code")
    page.fill("#code", codes[0])  # a recovery code
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/clerk/applications")
    page.goto("/account")
    assert "剩余恢复码 9 个" in page.inner_text("main")
    screenshot(page, "account")


def test_too_many_wrong_passwords_say_when_to_try_again(staff_page) -> None:  # type: ignore[no-untyped-def]
    page = staff_page
    for n in range(5):
        sign_in(page, "nobody-here", f"guess-{n}")
    # the fifth try waits, or (when the fourth's second of delay has passed) fails and says how
    # long the next must wait: either way the page gives the time in Beijing
    said = page.inner_text("main")
    assert re.search(r"失败次数(过多|较多)，请于北京时间 \d\d:\d\d:\d\d 后再试", said)
    screenshot(page, "sign-in-locked")
