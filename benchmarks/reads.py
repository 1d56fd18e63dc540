"""Rows 1–3: one guide read by key against the raw driver, the public guide page against hello
world, and the gateway's hop against calling publish directly (and a bare proxy)."""

from typing import Any

import httpx

from benchmarks.measure import Summary, Target, interleave
from benchmarks.parts import Platform, bearer
from benchmarks.report import Row, latency_row, ratio_row
from benchmarks.scratch import driver_dsn
from benchmarks.wrk import free_port, uvicorn

CODE = "430103-01-0001"  # a demo matter, published
GUIDE = f"/api/publish/v1/guides/{CODE}"
INSTANT = "/api/publish/v1/no-such-route"  # publish answers 404 at once: the hop's own cost


def start_baselines(platform: Platform, url: str) -> dict[str, str]:
    """Hello world, the raw-driver read, a bare proxy in front of publish: their bases."""
    bases = {}
    apps = {"hello": ("benchmarks.baselines:hello", {}, "/"),
            "raw": ("benchmarks.baselines:raw_read", {"BENCH_RAW_DSN": driver_dsn(url)}, GUIDE),
            "bare": ("benchmarks.bare_proxy:app", {
                "BARE_PROXY_UPSTREAM": platform.base("publish"),
                "BARE_PROXY_AUTHORIZATION": bearer("bench", "public")["Authorization"]}, GUIDE)}
    for name, (app, env, ready) in apps.items():
        port = free_port()
        bases[name] = f"http://127.0.0.1:{port}"
        platform.processes.start(name, uvicorn(app, port, factory=False), env,
                                 bases[name] + ready)
    return bases


def targets(platform: Platform, bases: dict[str, str]) -> dict[str, Target]:
    """Every URL rows 1–3 drive, named."""
    publish, gateway = platform.base("publish"), platform.base("gateway")
    public = bearer("bench", "public")
    found = {
        "raw read": Target(bases["raw"] + GUIDE),
        "publish direct": Target(publish + GUIDE, headers=public),
        "hello world": Target(bases["hello"] + "/"),
        "guide page via gateway": Target(f"{gateway}/guides/{CODE}"),
        "direct instant": Target(publish + INSTANT, headers=public, allow_non_2xx=True),
        "gateway instant": Target(gateway + INSTANT, allow_non_2xx=True),
        "bare proxy instant": Target(bases["bare"] + INSTANT, allow_non_2xx=True),
        "gateway database": Target(gateway + GUIDE),
        "bare proxy database": Target(bases["bare"] + GUIDE),
    }
    for name in ("direct instant", "gateway instant", "publish direct", "gateway database"):
        single = found[name]
        found[f"{name}, 1 connection"] = Target(single.url, connections=1,
                                                headers=single.headers,
                                                allow_non_2xx=single.allow_non_2xx)
    return found


def same_body(platform: Platform, bases: dict[str, str]) -> dict[str, Any]:
    """Whether the raw-driver app answers the very bytes publish answers."""
    ours = httpx.get(platform.base("publish") + GUIDE, headers=bearer("bench", "public"))
    raw = httpx.get(bases["raw"] + GUIDE)
    return {"identical": ours.content == raw.content, "bytes": len(ours.content),
            "publish_status": ours.status_code, "raw_status": raw.status_code}


def added_latency(path: str, direct: Summary, gateway: Summary) -> Row:
    """Row 3's third figure: what the hop adds to p50 (and p99) at one connection."""
    if direct.error or gateway.error:
        return latency_row(3, path, "direct", direct, gateway, share="p50", below_ms=0)
    extra = {k: round(gateway.latency_ms[k] - direct.latency_ms[k], 3) for k in ("p50", "p99")}
    return Row(3, path, f"direct p50 {direct.latency_ms['p50']:.2f} ms",
               f"p50 {gateway.latency_ms['p50']:.2f} ms",
               f"{extra['p50']:+.2f} ms p50, {extra['p99']:+.2f} ms p99", "≤ +0.6 ms p50",
               extra["p50"] <= 0.6, gateway.latency_ms,
               {"baseline": direct.as_json(), "onewindow": gateway.as_json(),
                "added_ms": extra})


def measure(platform: Platform, url: str, *, passes: int,
            seconds: float) -> tuple[list[Row], dict[str, Any]]:
    """Rows 1–3, interleaved in one set of passes."""
    bases = start_baselines(platform, url)
    body = same_body(platform, bases)
    got = interleave(targets(platform, bases), passes=passes, seconds=seconds)
    bare = {k: got[f"bare proxy {k}"].as_json() for k in ("instant", "database")}
    note = "" if body["identical"] else " — bodies differ!"
    rows = [
        ratio_row(1, "one guide by key, publish service direct",
                  f"raw-driver app, same body{note}", got["raw read"], got["publish direct"],
                  0.5, body=body),
        ratio_row(2, "public guide page (HTML) through the gateway", "FastAPI hello world",
                  got["hello world"], got["guide page via gateway"], 0.4),
        ratio_row(3, "gateway hop, instant route (upstream 404)",
                  f"direct (bare proxy {got['bare proxy instant'].requests_per_second:,.0f})",
                  got["direct instant"], got["gateway instant"], 0.5, bare_proxy=bare),
        ratio_row(3, "gateway hop, database route (the guide)",
                  f"direct (bare proxy {got['bare proxy database'].requests_per_second:,.0f})",
                  got["publish direct"], got["gateway database"], 0.95, bare_proxy=bare),
        added_latency("gateway added latency, 1 connection, instant route",
                      got["direct instant, 1 connection"],
                      got["gateway instant, 1 connection"]),
        added_latency("gateway added latency, 1 connection, database route",
                      got["publish direct, 1 connection"],
                      got["gateway database, 1 connection"]),
    ]
    return rows, {"reads": {k: v.as_json() for k, v in got.items()}}
