"""Signing in and out through the pages."""

from tests.browser.conftest import screenshot, sign_in


def test_sign_in_shows_the_account_and_sign_out_ends_it(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor")
    assert "李编制" in page.inner_text("header")
    page.click("text=退出")
    page.wait_for_load_state("networkidle")
    assert "登录" in page.inner_text("header")


def test_wrong_password_is_refused_with_a_message(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "editor", "wrong-password")
    assert "用户名或密码错误" in page.inner_text("main")
    screenshot(page, "sign-in-refused")
