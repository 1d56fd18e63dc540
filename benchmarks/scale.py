"""Row 5: the catalog's search and lists at N matters, the applicant's list and the clerk's
queue at M applications — the catalog and intake services called directly (one uvicorn worker
each, a token of the right role), 16 connections — with the plans of the queries each request
runs: the statements are caught in-process (the same apps, a TestClient, SQLAlchemy's
`before_cursor_execute`) and each SELECT is run again under EXPLAIN (ANALYZE, BUFFERS)."""

import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from benchmarks.measure import Target, interleave
from benchmarks.parts import Platform, bearer, rounds_done
from benchmarks.report import Row, latency_row
from benchmarks.scale_data import credit_code
from benchmarks.wrk import Processes
from catalog.config import CatalogSettings
from catalog.demo_data import DEPARTMENTS
from intake.config import IntakeSettings

CATALOG = "/api/catalog/v1/matters"
INTAKE = "/api/intake/v1/applications"
CATALOG_P95_MS, INTAKE_P95_MS = 30, 50
READ = re.compile(r"^\s*(WITH|SELECT)\b.*\bFROM\b", re.IGNORECASE | re.DOTALL)


def calls(middle: str) -> dict[str, tuple[str, str, dict[str, str]]]:
    """Each measured call: (service, path with query, headers)."""
    admin = bearer("bench-admin", "admin")
    applicant = bearer("applicant-8", "applicant", name="申请人8", enterprise=credit_code(4))
    clerk = bearer("clerk", "clerk", name="窗口人员", group="planning")

    queue = urlencode({"state": "submitted", "window": "planning", "limit": 50})

    def listing(**params: Any) -> str:
        return f"{CATALOG}?{urlencode({'size': 50, **params})}"

    return {
        "catalog: one matter by code (reference)": ("catalog", f"{CATALOG}/{middle}", admin),
        "catalog list, first page": ("catalog", listing(), admin),
        "catalog list, page 100 by offset": ("catalog", listing(page=100), admin),
        "catalog list, a page at the middle by keyset": ("catalog", listing(after=middle),
                                                         admin),
        "catalog list, one department": ("catalog", listing(department=DEPARTMENTS[3][0]),
                                         admin),
        "catalog list, state submitted": ("catalog", listing(state="submitted"), admin),
        "catalog search 食品经营": ("catalog", listing(q="食品经营"), admin),
        "catalog search 规划 (two characters)": ("catalog", listing(q="规划"), admin),
        "catalog search by code 0099": ("catalog", listing(q="0099"), admin),
        "applicant's list (enterprise user)": ("intake", INTAKE, applicant),
        "clerk's queue (submitted, window planning)": ("intake", f"{INTAKE}?{queue}", clerk),
        "clerk's queue, a page at the middle by keyset": (
            "intake", f"{INTAKE}?{queue}&before=500000", clerk),
    }


def plans(url: str, measured: dict[str, tuple[str, str, dict[str, str]]],
          files: Path) -> dict[str, Any]:
    """For each call, every SELECT the service ran for it, with its EXPLAIN ANALYZE."""
    from catalog.main import create_app as catalog_app
    from intake.main import create_app as intake_app

    apps = {"catalog": catalog_app(CatalogSettings(database_url=url, relay_interval=3600,
                                                   log_level="WARNING")),
            "intake": intake_app(IntakeSettings(database_url=url, file_store=str(files),
                                                relay_interval=3600, log_level="WARNING",
                                                render_every_seconds=3600.0))}
    caught: list[tuple[str, Any]] = []

    def catch(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        caught.append((statement, parameters))

    found: dict[str, Any] = {}
    event.listen(Engine, "before_cursor_execute", catch)
    try:
        for part, app in apps.items():
            with TestClient(app) as client:
                for name, (service, path, headers) in measured.items():
                    if service != part:
                        continue
                    client.get(path, headers=headers)  # warm: caches, settings, layouts
                    caught.clear()
                    status = client.get(path, headers=headers).status_code
                    found[name] = {"status": status, "queries": list(caught)}
    finally:
        event.remove(Engine, "before_cursor_execute", catch)
    return explained(url, found)


def explained(url: str, found: dict[str, Any]) -> dict[str, Any]:
    """The SELECTs of each call (pings and the outbox's polls left out), each distinct one
    once with how many times the call ran it, and its plan."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for call in found.values():
                distinct: dict[str, dict[str, Any]] = {}
                for sql, params in call["queries"]:
                    if not READ.match(sql) or "outbox_event" in sql or "inbox_event" in sql:
                        continue
                    if sql in distinct:
                        distinct[sql]["times"] += 1
                        continue
                    plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + sql,
                                                params or None)
                    distinct[sql] = {"sql": sql, "times": 1, "plan": [r[0] for r in plan]}
                call["queries"] = list(distinct.values())
                conn.rollback()
    finally:
        engine.dispose()
    return found


def measure(url: str, made: dict[str, Any], processes: Processes, *, passes: int,
            seconds: float) -> tuple[list[Row], dict[str, Any]]:
    """Row 5 on the generated data: interleaved passes, then the plans."""
    measured = calls(made["catalog"]["middle"])
    with tempfile.TemporaryDirectory(prefix="onewindow-bench-scale-") as files:
        platform = Platform(processes, url, Path(files))
        platform.start("catalog", "intake", tag="-scale")
        # Intake's start-up rounds (deemed acceptance, the supervision sweep over every running
        # case) are measured on their own, not left to slow the first passes.
        swept = {loop: rounds_done(platform.base("intake"), loop)
                 for loop in ("deeming", "supervision")}
        got = interleave({name: Target(platform.base(service) + path, headers=headers)
                          for name, (service, path, headers) in measured.items()},
                         passes=passes, seconds=seconds)
        explain = plans(url, measured, Path(files))
    reference = got["catalog: one matter by code (reference)"]
    matters, applications = made["catalog"]["matters"], made["intake.application"]
    rows = []
    for name, summary in got.items():
        if name.startswith("catalog:"):
            continue
        catalog = name.startswith("catalog")
        scale = f"{matters:,} matters" if catalog else f"{applications:,} applications"
        rows.append(latency_row(
            5, f"{name}, {scale}", "catalog by code" if catalog else "—",
            reference if catalog else None, summary, share="p95",
            below_ms=CATALOG_P95_MS if catalog else INTAKE_P95_MS,
            explain=explain.get(name)))
    return rows, {"scale": {"made": made, "intake_round_seconds": swept,
                            "requests": {k: v.as_json() for k, v in got.items()},
                            "reference_explain": explain.get(
                                "catalog: one matter by code (reference)")}}
