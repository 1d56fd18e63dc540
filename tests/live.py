"""Start the platform as a real process (uvicorn) on a free loopback port, for browsers and load."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen[bytes], seconds: float = 180) -> None:
    """Poll `url` until it answers 200; fail if the process dies or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} was ready")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} not ready after {seconds}s")


@contextmanager
def running(args: list[str], env: dict[str, str], ready_url: str,
            log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A subprocess that is ready at `ready_url`, terminated afterwards."""
    with log.open("wb") as out:
        proc = subprocess.Popen(args, env={**os.environ, **env}, cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            wait_ready(ready_url, proc)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


DEMO_PASSWORD = "onewindow-demo"


@contextmanager
def embedded_platform(folder: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`python -m gateway all` (migrate, demo data, serve) on SQLite files in `folder`."""
    port = free_port()
    env = {"ONEWINDOW_DATABASE_URL": f"sqlite:///{folder}", "PORT": str(port),
           "ONEWINDOW_RELAY_INTERVAL": "0.2",
           # Tests count their own cases: the demo cases are filed by the test that wants them.
           "ONEWINDOW_DEMO_CASES": "0",
           # Tests read their own writes on the public pages at once: each visit renders the
           # page (tests/gateway/test_page_shelf.py keeps them; the fuzzing does too).
           "ONEWINDOW_PUBLIC_PAGE_SECONDS": "0", "ONEWINDOW_PUBLIC_PAGE_STALE_SECONDS": "0",
           **(env or {})}
    with running([sys.executable, "-m", "gateway", "all"], env,
                 f"http://127.0.0.1:{port}/readyz", folder / "platform.log"):
        yield f"http://127.0.0.1:{port}"


def signed_in(base_url: str, username: str) -> tuple[httpx.Client, str]:
    """A client signed in as a demo account (session cookie), and the session's CSRF token."""
    client = httpx.Client(base_url=base_url, timeout=30)
    answer = client.post("/api/auth/sign-in",
                         json={"username": username, "password": DEMO_PASSWORD})
    assert answer.status_code == 200, answer.text
    return client, answer.json()["csrf_token"]
