"""The public guide page through the gateway against a FastAPI hello world, side by side.

Starts the four services and the gateway in distributed mode on a scratch PostgreSQL database
with the demo zone, and a FastAPI hello world beside them (each one uvicorn worker), then drives
each with wrk at the same concurrency in interleaved passes and reports medians and ratios:

- `hello world`: `GET /` of a one-route FastAPI app (`async def`, a small JSON answer);
- `guide page`: `GET /guides/<code>` as an anonymous visitor whose browser holds no copy;
- `guide page, revalidated`: the same with `If-None-Match` naming the page's ETag (a 304);
- `guide page, rendered every visit`: a second gateway that keeps no page
  (`ONEWINDOW_PUBLIC_PAGE_SECONDS=0`): what each visit cost before pages were kept;
- `guide API, direct`: publish's `GET /api/publish/v1/guides/<code>` with a token.

    uv run python -m benchmarks.public_pages [--connections 16] [--seconds 8] [--passes 3]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import httpx
from fastapi import FastAPI

from benchmarks.gateway_hop import (
    ROOT,
    bench_database,
    free_port,
    uvicorn,
    wait_for_guide,
    wrk,
)
from kit.auth import Principal, mint
from kit.settings import DEVELOPMENT_SECRET
from tests.live import wait_ready

CODE = "430103-01-0001"
PAGE = f"/guides/{CODE}"
API = f"/api/publish/v1/guides/{CODE}"
hello = FastAPI()


@hello.get("/")
async def hello_world() -> dict[str, str]:
    """The baseline: the least a FastAPI app does for a request."""
    return {"message": "Hello World"}


def start(stack: ExitStack, args: list[str], env: dict[str, str], ready: str,
          log: Path) -> None:
    """A process, ready at `ready` (a busy machine may take minutes), stopped at the end."""
    out = stack.enter_context(log.open("wb"))
    proc = subprocess.Popen(args, env={**os.environ, **env}, cwd=ROOT, stdout=out,
                            stderr=subprocess.STDOUT)
    stack.callback(proc.wait, 10)
    stack.callback(proc.terminate)
    wait_ready(ready, proc, seconds=300)


def platform(stack: ExitStack, env: dict[str, str], logs: Path) -> dict[str, int]:
    """The four services and the gateway (distributed) and hello world, each on its port."""
    ports = {name: free_port() for name in
             ("publish", "catalog", "intake", "review", "gateway", "rendering", "hello")}
    env = {**env, **{f"ONEWINDOW_{p.upper()}_URL": f"http://127.0.0.1:{ports[p]}"
                     for p in ("publish", "catalog", "intake", "review")}}
    token = mint(Principal(sub="bench", roles=("public",)), DEVELOPMENT_SECRET, seconds=3600)
    for part in ("publish", "catalog", "intake", "review"):
        start(stack, uvicorn(f"{part}.main:create_app", ports[part]), env,
              f"http://127.0.0.1:{ports[part]}/readyz", logs / f"{part}.log")
    wait_for_guide(f"http://127.0.0.1:{ports['publish']}{API}", token)
    for name, seconds in (("gateway", "10"), ("rendering", "0")):
        start(stack, uvicorn("gateway.main:create_app", ports[name]),
              {**env, "ONEWINDOW_MODE": "distributed", "ONEWINDOW_PUBLIC_PAGE_SECONDS": seconds,
               "ONEWINDOW_PUBLIC_PAGE_STALE_SECONDS": seconds},
              f"http://127.0.0.1:{ports[name]}/readyz", logs / f"{name}.log")
        answer = httpx.get(f"http://127.0.0.1:{ports[name]}{PAGE}", timeout=30)
        if answer.status_code != 200:
            raise RuntimeError(f"the guide page answers {answer.status_code}: "
                               f"{answer.text[:300]}")
    start(stack, uvicorn("benchmarks.public_pages:hello", ports["hello"], factory=False), {},
          f"http://127.0.0.1:{ports['hello']}/", logs / "hello.log")
    return ports


def targets(ports: dict[str, int]) -> dict[str, tuple[str, dict[str, str]]]:
    """What wrk drives: each a URL and its request headers."""
    token = mint(Principal(sub="bench", roles=("public",)), DEVELOPMENT_SECRET, seconds=3600)
    page = f"http://127.0.0.1:{ports['gateway']}{PAGE}"
    etag = httpx.get(page).headers.get("etag")
    found = {"hello world": (f"http://127.0.0.1:{ports['hello']}/", {}),
             "guide page": (page, {}),
             "guide page, rendered every visit": (
                 f"http://127.0.0.1:{ports['rendering']}{PAGE}", {}),
             "guide API, direct": (f"http://127.0.0.1:{ports['publish']}{API}",
                                   {"Authorization": f"Bearer {token}"})}
    if etag:  # before pages carried one, there was nothing to revalidate
        found["guide page, revalidated"] = (page, {"If-None-Match": etag})
    return found


def measure(found: dict[str, tuple[str, dict[str, str]]],
            args: argparse.Namespace) -> dict[str, object]:
    """Interleaved passes over every target; medians, p99s and ratios to hello world."""
    rates: dict[str, list[float]] = {k: [] for k in found}
    p99s: dict[str, list[str]] = {k: [] for k in found}
    for _ in range(args.passes):
        for label, (url, headers) in found.items():
            rps, p99 = wrk(url, args.connections, args.seconds, headers,
                           allow_non_2xx=label.endswith("revalidated"))
            rates[label].append(rps)
            p99s[label].append(p99)
    medians = {k: round(statistics.median(v)) for k, v in rates.items()}
    return {"connections": args.connections, "seconds": args.seconds, "passes": args.passes,
            "requests_per_second": medians, "p99": p99s,
            "ratio_to_hello_world": {k: round(v / medians["hello world"], 3)
                                     for k, v in medians.items()}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    env = {"ONEWINDOW_DATABASE_URL": bench_database(), "ONEWINDOW_LOG_LEVEL": "WARNING",
           "ONEWINDOW_RELAY_INTERVAL": "0.2"}
    for step in ("migrate", "demo"):
        subprocess.run([sys.executable, "-m", "gateway", step], env={**os.environ, **env},
                       cwd=ROOT, check=True, capture_output=True)
    logs = Path(tempfile.mkdtemp(prefix="onewindow-pages-"))
    with ExitStack() as stack:
        report = measure(targets(platform(stack, env, logs)), args)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
