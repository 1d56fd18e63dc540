"""A real Chromium (Debian's) driven by Playwright against the platform served by uvicorn."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live import ROOT, embedded_platform

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole platform (embedded, SQLite, demo data) on a free port."""
    with embedded_platform(tmp_path_factory.mktemp("browser-platform")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        why = "Debian's chromium is not installed (scripts/ensure-browser.sh installs it)"
        if os.environ.get("ONEWINDOW_REQUIRE_BROWSER") == "1":
            pytest.fail(why)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser context; the test fails on any console error (CSP included)."""
    context = browser.new_context(base_url=base_url, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    watch(page, errors)
    yield page
    context.close()
    assert not errors, f"browser console errors: {errors}"


ASSETS = {"stylesheet", "script", "image", "font"}


def watch(page, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Collect console errors (CSP violations included) and failed assets of a page.

    A 4xx answer to a page or an HTMX request is often the expected outcome (a refused form),
    and Chromium logs it as "Failed to load resource"; those are judged by the test itself.
    """
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type in ASSETS else None)


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, username: str, password: str = "onewindow-demo") -> None:  # type: ignore[no-untyped-def]
    """Sign in through the sign-in page."""
    page.goto("/sign-in")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
