"""Row 7: the embedded mode's memory, as `make run` runs it — `python -m gateway migrate` and
`demo` on SQLite files, then `python -m gateway serve` (one process: the gateway and the four
services in it) — its resident set once started and quiet, after N mixed requests (public
pages, guides, search, the API, and the pages of signed-in applicants, clerks and editors,
from wrk's `lua/mixed.lua` at 16 connections), and its peak (VmHWM)."""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from benchmarks.measure import Stages, Summary, Target, summarize
from benchmarks.parts import signed_in
from benchmarks.report import Row
from benchmarks.wrk import ROOT, Measurement, Processes, free_port, lua_text

GOAL_MB = 300
CODES = ("430103-01-0001", "430103-01-0002", "430103-01-0004", "430103-01-0003")
ANONYMOUS = ["/", "/power-list", "/process-list", f"/search?q={quote('规划')}", "/statistics",
             "/api/publish/v1/power-list", *(f"/guides/{c}" for c in CODES),
             *(f"/api/publish/v1/guides/{c}" for c in CODES)]
SIGNED_IN = {"enterprise": ["/my/applications", "/api/intake/v1/applications"],
             "clerk": ["/clerk/applications", "/api/intake/v1/applications?state=submitted"],
             "editor": ["/editor/matters", "/api/catalog/v1/matters?size=50",
                        f"/api/catalog/v1/matters?size=50&q={quote('许可')}"]}


def quiet(folder: Path, seconds: float = 300) -> int:
    """Wait until the outboxes (one SQLite file per part) have delivered everything — the
    demo's history and demo cases keep the relays busy after start — three checks running;
    the rows still pending when the wait ends."""
    deadline, calm, pending = time.monotonic() + seconds, 0, 0
    while calm < 3 and time.monotonic() < deadline:
        pending = 0
        for part in ("catalog", "intake", "review", "gateway"):
            with sqlite3.connect(f"file:{folder / part}.db?mode=ro", uri=True) as conn:
                row = conn.execute("SELECT count(*) FROM outbox_event WHERE delivered_at IS "
                                   "NULL AND parked_at IS NULL").fetchone()
            pending += int(row[0])
        calm = calm + 1 if pending == 0 else 0
        time.sleep(1)
    return pending


def resident_mb(pid: int) -> dict[str, float]:
    """The process's resident set now (VmRSS) and at its peak (VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = {}
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = round(int(value.split()[0]) / 1024, 1)
    return found


def mixed(base: str) -> tuple[Target, dict[str, int]]:
    """wrk walking every path in turn, anonymous or signed in — those that answer 200 when
    tried once; the others left out, with what they answered."""
    targets = [(p, "") for p in ANONYMOUS]
    for username, paths in SIGNED_IN.items():
        cookie = signed_in(base, username)["Cookie"]
        targets += [(p, cookie) for p in paths]
    statuses = {(p, c): httpx.get(base + p, headers={"Cookie": c} if c else {},
                                  timeout=60).status_code for p, c in targets}
    kept = [t for t in targets if statuses[t] == 200]
    listed = ", ".join(f"{{{lua_text(p)}, {lua_text(c)}}}" for p, c in kept)
    return (Target(base + "/", preamble=f"targets = {{{listed}}}\n", body="mixed.lua"),
            {p: status for (p, _), status in statuses.items() if status != 200})


def drive(target: Target, count: int, seconds: float) -> Summary:
    """Runs of `seconds` until `count` requests were answered (all 2xx), or the first error."""
    runs: list[Measurement] = []
    try:
        while sum(m.requests for m in runs) < count:
            runs.append(target.run(seconds))
    except (RuntimeError, ValueError) as failed:
        return Summary(error=f"{type(failed).__name__}: {failed}"[:2000])
    return summarize(runs, target.connections)


def measure(settings: dict[str, Any], logs: Path,
            stages: Stages) -> tuple[list[Row], dict[str, Any]]:
    """Start the embedded platform, read its memory, drive it, read it again."""
    count = settings["mixed_requests"]
    with tempfile.TemporaryDirectory(prefix="onewindow-bench-embedded-") as folder, \
            Processes(logs) as processes:
        port = free_port()
        env = {**os.environ, "ONEWINDOW_DATABASE_URL": f"sqlite:///{folder}"}
        for step in ("migrate", "demo"):
            subprocess.run([sys.executable, "-m", "gateway", step], env=env, cwd=ROOT,
                           check=True, capture_output=True)
        proc = processes.start("embedded", [sys.executable, "-m", "gateway", "serve", "--port",
                                            str(port)], env, f"http://127.0.0.1:{port}/readyz")
        ready = resident_mb(proc.pid)
        pending = quiet(Path(folder))
        started = resident_mb(proc.pid)
        stages.done("embedded mode started")
        target, left_out = mixed(f"http://127.0.0.1:{port}")
        driven = drive(target, count, settings["seconds"])
        after = resident_mb(proc.pid)
        stages.done("embedded mode driven")
    peak = after.get("VmHWM", 0.0)
    met = None if driven.error else peak < GOAL_MB
    row = Row(8, f"embedded mode RSS with demo data, {driven.requests:,} mixed requests",
              "—", f"{started.get('VmRSS', 0):.0f} MB at start, {after.get('VmRSS', 0):.0f} MB"
                   f" after, peak {peak:.0f} MB", "—", f"< {GOAL_MB} MB", met,
              driven.latency_ms, {"ready_mb": ready, "started_mb": started, "after_mb": after,
                                  "requests": driven.as_json(), "left_out": left_out,
                                  "outbox_pending_at_start": pending})
    return [row], {"memory": row.detail}
