"""The platforms the page tests share: each is started once for the package (~5 s each).

- `demo_url`: the demo zone as loaded. For tests that read its numbers (the power list, the
  history and diffs, the reform metrics, the to-do list's counts) and for the role checks.
  Its one writer is the to-do test, whose anomaly and repeal change none of those numbers.
- `work_url`: for tests that write: new matters and drafts, reviews, imports, pilot settings,
  applications. Each writes under codes of its own and asserts only on what it wrote.
"""

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.live import embedded_platform

PROVINCE_KEY = "test-provincial-key"
GUIDE = "/api/publish/v1/guides/430103-01-0002"


def wait_for_the_demo_lists(url: str, seconds: float = 30) -> None:
    """The demo matters reach publish (and intake) through the outbox: wait for all."""
    deadline, last = time.monotonic() + seconds, -1
    with httpx.Client(base_url=url, timeout=10) as client:
        while time.monotonic() < deadline:
            guide = client.get(GUIDE)
            total = client.get("/api/publish/v1/statistics").json()["matters"]
            if guide.status_code == 200 and guide.json()["version"] == 2 and total == last:
                return
            last = total
            time.sleep(0.5)
    raise RuntimeError("the demo matters did not reach the public lists")


def platform(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """The whole platform (embedded, SQLite, demo data, a provincial API key) on a free port,
    once the demo matters are public."""
    with embedded_platform(tmp_path_factory.mktemp(name),
                           env={"ONEWINDOW_PROVINCIAL_API_KEY": PROVINCE_KEY}) as url:
        wait_for_the_demo_lists(url)
        yield url


@pytest.fixture(scope="package")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo zone as loaded, for tests that read its numbers (see the module docstring)."""
    yield from platform(tmp_path_factory, "demo-platform")


@pytest.fixture(scope="package")
def work_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A platform for tests that write, each under codes of its own."""
    yield from platform(tmp_path_factory, "work-platform")


@pytest.fixture
def province() -> dict[str, str]:
    """The provincial catalog system's Authorization header."""
    return {"Authorization": f"Bearer {PROVINCE_KEY}"}
