"""OneWindow's parts as the benchmark runs them: one uvicorn worker per part, distributed
mode, on a PostgreSQL database migrated and loaded by the real migrate and demo steps."""

import time
from pathlib import Path

import httpx
import psycopg

from benchmarks.scratch import driver_dsn
from benchmarks.wrk import Processes, free_port, uvicorn
from kit.auth import Principal, mint
from kit.settings import DEVELOPMENT_SECRET

SERVICES = ("catalog", "intake", "review", "publish")
METRICS_TOKEN = "bench-metrics"  # noqa: S105  # the scratch platform's /ops/metrics
PASSWORD = "onewindow-demo"  # every demo account's


def token(sub: str, *roles: str, **scope: str) -> str:
    """A service token as the gateway mints it, valid for the whole run."""
    return mint(Principal(sub=sub, roles=roles, **scope), DEVELOPMENT_SECRET, seconds=4 * 3600)


def bearer(sub: str, *roles: str, **scope: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(sub, *roles, **scope)}"}


class Platform:
    """The parts on one database: each on its own free port, started on demand."""

    def __init__(self, processes: Processes, url: str, files: Path) -> None:
        self.processes = processes
        self.ports: dict[str, int] = {}
        self.env = {"ONEWINDOW_DATABASE_URL": url, "ONEWINDOW_LOG_LEVEL": "WARNING",
                    "ONEWINDOW_RELAY_INTERVAL": "0.2", "INTAKE_FILE_STORE": str(files),
                    "ONEWINDOW_DEMO_CASES": "0", "ONEWINDOW_METRICS_TOKEN": METRICS_TOKEN}

    def base(self, part: str) -> str:
        return f"http://127.0.0.1:{self.ports[part]}"

    def start(self, *parts: str, tag: str = "") -> None:
        """Start `parts` (services before the gateway, which learns their addresses)."""
        for part in parts:
            self.ports[part] = free_port()
        self.env.update({f"ONEWINDOW_{s.upper()}_URL": self.base(s)
                         for s in SERVICES if s in self.ports})
        for part in parts:
            extra = {"ONEWINDOW_MODE": "distributed"} if part == "gateway" else {}
            self.processes.start(f"{part}{tag}", uvicorn(f"{part}.main:create_app",
                                                        self.ports[part]),
                                 {**self.env, **extra}, f"{self.base(part)}/readyz")


def rounds_done(base: str, loop: str, seconds: float = 900) -> float:
    """Wait until a part's background `loop` finished its first round (its /ops/metrics);
    how long its rounds took so far, in seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answer = httpx.get(f"{base}/ops/metrics",
                           headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        series = dict(line.rsplit(" ", 1) for line in answer.text.splitlines()
                      if line.startswith("onewindow_background_round_seconds_")
                      and f'loop="{loop}"' in line)
        if any(k.startswith("onewindow_background_round_seconds_count") and float(v) >= 1
               for k, v in series.items()):
            return next(float(v) for k, v in series.items() if "_sum{" in k)
        time.sleep(1)
    raise RuntimeError(f"the {loop} loop at {base} did not finish a round in {seconds:.0f} s")


def eventually(url: str, headers: dict[str, str], found: str = "", seconds: float = 300) -> None:
    """Wait until `url` answers 200 (containing `found`): the outbox relays deliver the demo's
    publications to publish and intake a little after start."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answer = httpx.get(url, headers=headers, timeout=30)
        if answer.status_code == 200 and found in answer.text:
            return
        time.sleep(0.5)
    raise RuntimeError(f"{url} never answered 200 with {found!r}")


def signed_in(gateway: str, username: str) -> dict[str, str]:
    """The headers of a signed-in browser session: its cookie, and the CSRF token."""
    with httpx.Client(base_url=gateway, timeout=30) as client:
        answer = client.post("/api/auth/sign-in",
                             json={"username": username, "password": PASSWORD})
        answer.raise_for_status()
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        return {"Cookie": cookie, "X-CSRF-Token": answer.json()["csrf_token"]}


def drained(url: str, seconds: float = 600) -> int:
    """Wait until every part's outbox has delivered (or parked) its events — the demo's year
    of history keeps the relays busy for minutes after start, and a busy relay would share
    the CPU with what is measured; the rows still pending when the wait ends."""
    schemas = ("catalog", "intake", "review", "gateway")
    count = " + ".join(f"(SELECT count(*) FROM {s}.outbox_event WHERE delivered_at IS NULL "
                       f"AND parked_at IS NULL)" for s in schemas)
    deadline = time.monotonic() + seconds
    with psycopg.connect(driver_dsn(url), autocommit=True) as conn:
        while True:
            row = conn.execute(f"SELECT {count}").fetchone()
            pending = int(row[0]) if row else 0
            if pending == 0 or time.monotonic() > deadline:
                return pending
            time.sleep(1)
