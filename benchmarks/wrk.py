"""What every benchmark shares: processes on free loopback ports, and wrk — run, and read.

wrk's summary is read from its `--latency` "Latency Distribution" block (50/75/90/99 %, in
us/ms/s/m/h) — never from the thread stats above it, whose "+/- Stdev" column is also a
percentage — and p95, which wrk's summary lacks, from the line `lua/report.lua` prints.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LUA = Path(__file__).resolve().parent / "lua"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
DISTRIBUTION = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
REPORTED = re.compile(r"^BENCH-PERCENTILES-US p50=(\d+) p95=(\d+) p99=(\d+)\s*$", re.MULTILINE)


class NoAnswer(RuntimeError):
    """Not one request was answered within the run: slower than the run is long."""


@dataclass(frozen=True)
class Measurement:
    """One wrk run: throughput, latency percentiles in ms (p50 p75 p90 p95 p99), refusals."""

    requests_per_second: float
    requests: int
    latency_ms: dict[str, float]
    non_2xx: int = 0
    socket_errors: int = 0


def to_ms(amount: str, unit: str) -> float:
    """One of wrk's times (`"352.00", "us"`) in milliseconds."""
    return float(amount) * UNITS_MS[unit]


def parse(output: str) -> Measurement:
    """wrk's `--latency` output (with or without report.lua's line) as a Measurement."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    if rate is None or total is None or "Latency Distribution" not in output:
        raise ValueError(f"not the output of wrk --latency:\n{output}")
    block = output.split("Latency Distribution", 1)[1]
    latency = {f"p{share}": round(to_ms(amount, unit), 3)
               for share, amount, unit in DISTRIBUTION.findall(block)}
    if (reported := REPORTED.search(output)) is not None:
        latency["p95"] = round(int(reported.group(2)) / 1000, 3)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    return Measurement(
        requests_per_second=float(rate.group(1)), requests=int(total.group(1)),
        latency_ms=dict(sorted(latency.items(), key=lambda kv: int(kv[0][1:]))),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0)


def lua_text(value: str) -> str:
    """A Lua string literal of `value` (long brackets: no escapes to get wrong)."""
    if "]==]" in value:
        raise ValueError(f"cannot quote {value!r} for Lua")
    return f"[==[{value}]==]"


def script(preamble: str = "", body: str = "") -> Path:
    """A Lua file for wrk: the runner's settings, a script of `lua/`, then the report."""
    text = "\n".join((preamble, (LUA / body).read_text() if body else "",
                      (LUA / "report.lua").read_text()))
    handle, name = tempfile.mkstemp(prefix="onewindow-bench-", suffix=".lua")
    os.write(handle, text.encode())
    os.close(handle)
    return Path(name)


def run(url: str, *, connections: int = 16, seconds: float = 5, headers: dict[str, str] | None
        = None, preamble: str = "", body: str = "", allow_non_2xx: bool = False) -> Measurement:
    """Drive `url` with wrk for `seconds` (whole); refuse a run whose answers were not all 2xx
    (unless allowed) or that lost connections."""
    lua = script(preamble, body)
    whole = max(1, round(seconds))  # wrk takes whole seconds only
    args = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{whole}s", "--latency",
            "--timeout", "30s", "-s", str(lua), url]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=whole + 120)
    finally:
        lua.unlink()
    if done.returncode != 0 or REPORTED.search(done.stdout) is None:  # no report: bad Lua
        raise RuntimeError(f"wrk failed on {url}:\n{done.stdout}\n{done.stderr}")
    found = parse(done.stdout)
    if found.requests == 0:
        raise NoAnswer(f"no answer within {whole} s at {connections} connections")
    if (found.non_2xx and not allow_non_2xx) or found.socket_errors:
        raise RuntimeError(f"refused or failed answers from {url}:\n{done.stdout}")
    return found


def ensure_wrk() -> None:
    """Stop early, saying how to get it, when wrk is not installed."""
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: sh scripts/ensure-wrk.sh (or apt-get install wrk)")


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def uvicorn(app: str, port: int, factory: bool = True) -> list[str]:
    """The command line of one uvicorn worker serving `app` on loopback."""
    return [sys.executable, "-m", "uvicorn", app, *(["--factory"] if factory else []),
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
            "--no-access-log"]


class Processes(ExitStack):
    """Processes started for a measurement, terminated (in reverse order) on leaving."""

    def __init__(self, logs: Path) -> None:
        super().__init__()
        self.logs = logs
        self.pids: dict[str, int] = {}

    def start(self, name: str, args: list[str], env: dict[str, str], ready: str,
              seconds: float = 180) -> subprocess.Popen[bytes]:
        """Start `args` and wait until `ready` answers 200 (its log under `logs`)."""
        log = self.enter_context((self.logs / f"{name}.log").open("wb"))
        proc = subprocess.Popen(args, env={**os.environ, **env}, cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT)
        self.callback(stop, proc)
        self.pids[name] = proc.pid
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            try:
                if httpx.get(ready, timeout=2).status_code == 200:
                    return proc
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{name} was not ready at {ready}; see {self.logs / name}.log")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate one process, killing it when it does not end within ten seconds."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
