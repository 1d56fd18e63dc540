"""The gateway hop on each of its HTTP transports, beside a bare proxy, in one run.

`make bench` measures the hop on the default transport (rows 3 of `benchmarks/run.py`); this
compares the transports themselves: PostgreSQL-backed `publish` (the upstream), a bare aiohttp
proxy, and the gateway in distributed mode twice (httpx's own transport, and aiohttp), each
driven by wrk at the same concurrency in interleaved passes; medians and ratios as JSON.

    uv run python -m benchmarks.gateway_hop [--connections 64] [--seconds 8] [--passes 3]
"""

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import scratch
from benchmarks.measure import Summary, Target, interleave
from benchmarks.parts import SERVICES, Platform, bearer, eventually
from benchmarks.reads import GUIDE, INSTANT
from benchmarks.wrk import Processes, ensure_wrk, free_port, uvicorn
from gateway.cli import load_demo, migrate


def start_hops(platform: Platform) -> dict[str, str]:
    """The bare proxy and a gateway per transport, in front of the platform's publish."""
    bases = {}
    for name in ("bare proxy", "gateway (httpx transport)", "gateway (aiohttp transport)"):
        port = free_port()
        bases[name] = f"http://127.0.0.1:{port}"
        if name == "bare proxy":
            command = uvicorn("benchmarks.bare_proxy:app", port, factory=False)
            env = {"BARE_PROXY_UPSTREAM": platform.base("publish"),
                   "BARE_PROXY_AUTHORIZATION": bearer("bench", "public")["Authorization"]}
        else:
            command = uvicorn("gateway.main:create_app", port)
            env = {**platform.env, "ONEWINDOW_MODE": "distributed",
                   "ONEWINDOW_HTTP_TRANSPORT": name.split("(")[1].split()[0]}
        platform.processes.start(name, command, env, bases[name] + GUIDE)
    return bases


def ratios(got: dict[str, Summary], to: str) -> dict[str, float]:
    base = got[to].requests_per_second
    return {k: round(v.requests_per_second / base, 3) if base else 0.0 for k, v in got.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    ensure_wrk()
    logs = Path(tempfile.mkdtemp(prefix="onewindow-hop-"))
    report: dict[str, Any] = {"connections": args.connections, "seconds": args.seconds,
                              "passes": args.passes, "logs": str(logs), "scenarios": {}}
    with tempfile.TemporaryDirectory() as files, scratch.database("bench_hop") as url, \
            Processes(logs) as processes:
        migrate(url)
        load_demo(url)
        platform = Platform(processes, url, Path(files))
        platform.start(*SERVICES)
        eventually(platform.base("publish") + GUIDE, bearer("bench", "public"))
        bases = {"direct": platform.base("publish"), **start_hops(platform)}
        for path in (GUIDE, INSTANT):
            got = interleave({name: Target(base + path, connections=args.connections,
                                           headers=bearer("bench", "public")
                                           if name == "direct" else {},
                                           allow_non_2xx=path == INSTANT)
                              for name, base in bases.items()},
                             passes=args.passes, seconds=args.seconds)
            report["scenarios"][path] = {
                "requests": {k: v.as_json() for k, v in got.items()},
                "ratio_to_direct": ratios(got, "direct"),
                "ratio_to_bare_proxy": ratios(got, "bare proxy")}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
