"""The gateway hop against a bare proxy hop, measured side by side in one run.

Starts PostgreSQL-backed `publish` (the upstream), a bare aiohttp proxy, and the gateway in
distributed mode twice (httpx's own transport, and httpx on the aiohttp transport), then drives
each with wrk at the same concurrency, in interleaved passes, and reports medians and ratios.

    uv run python benchmarks/gateway_hop.py [--connections 64] [--seconds 8] [--passes 3]
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import psycopg
from sqlalchemy.engine import make_url

from kit.auth import Principal, mint
from kit.settings import DEVELOPMENT_SECRET

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("ONEWINDOW_TEST_POSTGRES_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PATH = "/api/publish/v1/guides/430103-01-0001"
# The same hop with an upstream that answers at once (no such route: 404, no database), so
# the hop's own cost is not hidden behind the upstream's.
LIGHT_PATH = "/api/publish/v1/no-such-route"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_database() -> str:
    url = make_url(POSTGRES)
    name = f"{url.database}_bench"
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(False),
                         autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(False)


def start(stack: ExitStack, args: list[str], env: dict[str, str], ready: str,
          log: Path) -> None:
    out = stack.enter_context(log.open("wb"))
    proc = subprocess.Popen(args, env={**os.environ, **env}, cwd=ROOT, stdout=out,
                            stderr=subprocess.STDOUT)
    stack.callback(proc.wait, 10)
    stack.callback(proc.terminate)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(ready, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{args} not ready; see {log}")


def wait_for_guide(url: str, token: str) -> None:
    """The outbox relay delivers the demo publications to publish; wait until it has."""
    deadline = time.monotonic() + 60
    while httpx.get(url, headers={"Authorization": f"Bearer {token}"}).status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("the demo guides never reached publish")
        time.sleep(0.3)


def uvicorn(app: str, port: int, factory: bool = True) -> list[str]:
    return [sys.executable, "-m", "uvicorn", app, *(["--factory"] if factory else []),
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
            "--no-access-log"]


def wrk(url: str, connections: int, seconds: int, headers: dict[str, str],
        allow_non_2xx: bool = False) -> tuple[float, str]:
    """Requests per second and the p99 latency wrk reports."""
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+(\S+)", out)
    if "Non-2xx" in out and not allow_non_2xx:
        raise RuntimeError(f"non-2xx answers from {url}:\n{out}")
    return rps, p99.group(1) if p99 else "?"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    url = bench_database()
    env = {"ONEWINDOW_DATABASE_URL": url, "ONEWINDOW_LOG_LEVEL": "WARNING",
           "ONEWINDOW_RELAY_INTERVAL": "0.2"}
    subprocess.run([sys.executable, "-m", "gateway", "migrate"], env={
        **os.environ, **env}, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "gateway", "demo"], env={**os.environ, **env},
                   cwd=ROOT, check=True, capture_output=True)
    token = mint(Principal(sub="bench", roles=("public",)), DEVELOPMENT_SECRET, seconds=3600)
    ports = {name: free_port() for name in
             ("publish", "catalog", "intake", "review", "bare", "gw_httpx", "gw_aiohttp")}
    logs = Path(tempfile.mkdtemp(prefix="onewindow-bench-"))
    targets = {"direct": (ports["publish"], {"Authorization": f"Bearer {token}"}),
               "bare proxy": (ports["bare"], {}),
               "gateway (httpx transport)": (ports["gw_httpx"], {}),
               "gateway (aiohttp transport)": (ports["gw_aiohttp"], {})}
    env.update({f"ONEWINDOW_{p.upper()}_URL": f"http://127.0.0.1:{ports[p]}"
                for p in ("publish", "catalog", "intake", "review")})
    with ExitStack() as stack:
        for part in ("publish", "catalog", "intake", "review"):
            start(stack, uvicorn(f"{part}.main:create_app", ports[part]), env,
                  f"http://127.0.0.1:{ports[part]}/readyz", logs / f"{part}.log")
        wait_for_guide(f"http://127.0.0.1:{ports['publish']}{PATH}", token)
        start(stack, uvicorn("benchmarks.bare_proxy:app", ports["bare"], factory=False),
              {"BARE_PROXY_UPSTREAM": f"http://127.0.0.1:{ports['publish']}",
               "BARE_PROXY_AUTHORIZATION": f"Bearer {token}"},
              f"http://127.0.0.1:{ports['bare']}{PATH}", logs / "bare.log")
        for name, transport in (("gw_httpx", "httpx"), ("gw_aiohttp", "aiohttp")):
            start(stack, uvicorn("gateway.main:create_app", ports[name]),
                  {**env, "ONEWINDOW_MODE": "distributed",
                   "ONEWINDOW_HTTP_TRANSPORT": transport},
                  f"http://127.0.0.1:{ports[name]}{PATH}", logs / f"{name}.log")
        report = {"connections": args.connections, "seconds": args.seconds,
                  "passes": args.passes,
                  "scenarios": {path: measure(targets, path, args) for path in (PATH, LIGHT_PATH)}}
    print(json.dumps(report, indent=2, ensure_ascii=False))


def measure(targets: dict[str, tuple[int, dict[str, str]]], path: str,
            args: argparse.Namespace) -> dict[str, object]:
    """Interleaved passes over every target; medians and ratios."""
    results: dict[str, list[float]] = {k: [] for k in targets}
    p99s: dict[str, list[str]] = {k: [] for k in targets}
    for _ in range(args.passes):
        for label, (port, headers) in targets.items():
            rps, p99 = wrk(f"http://127.0.0.1:{port}{path}", args.connections, args.seconds,
                           headers, allow_non_2xx=path == LIGHT_PATH)
            results[label].append(rps)
            p99s[label].append(p99)
    medians = {k: statistics.median(v) for k, v in results.items()}
    return {"requests_per_second": medians, "p99": p99s,
            "ratio_to_direct": {k: round(v / medians["direct"], 3) for k, v in medians.items()},
            "ratio_to_bare_proxy": {k: round(v / medians["bare proxy"], 3)
                                    for k, v in medians.items()}}


if __name__ == "__main__":
    main()
