"""`make bench`: every figure of the province-scale table, side by side, in one run.

Creates scratch PostgreSQL databases beside ONEWINDOW_TEST_POSTGRES_URL's (and drops them),
migrates them with the real migrations, loads the demo zone and generates the scale data, then
starts each part as one uvicorn worker (distributed mode) beside the baselines and drives
every path with wrk in interleaved passes; the embedded mode's memory is measured last. Writes
benchmarks/results/bench-<time>.json and .md (and latest.*), and prints the table.

    uv run python -m benchmarks.run [--quick] [--rows reads,filing,scale,memory]
                                    [--passes 3] [--seconds 5] [--keep]

`--quick` (or ONEWINDOW_BENCH_QUICK=1) is the small scale used while developing: 2,000 matters,
20,000 applications, one pass of 2 s, 1,000 requests for the memory row.
"""

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchmarks import filing, memory, reads, replicas, scale, scale_data, scratch
from benchmarks.measure import Stages
from benchmarks.parts import SERVICES, Platform, bearer, drained, eventually
from benchmarks.report import Row, write
from benchmarks.wrk import Processes, ensure_wrk
from gateway.cli import load_demo, migrate

GROUPS = ("reads", "filing", "scale", "memory")
Rows = tuple[list[Row], dict[str, Any]]  # a group's rows, and its details for the JSON
FULL = {"matters": 100_000, "applications": 1_000_000, "passes": 3, "seconds": 5.0,
        "mixed_requests": 10_000}
QUICK = {"matters": 2_000, "applications": 20_000, "passes": 1, "seconds": 2.0,
         "mixed_requests": 1_000}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        default=os.environ.get("ONEWINDOW_BENCH_QUICK") == "1")
    parser.add_argument("--rows", default=",".join(GROUPS), help="groups to run, comma-separated")
    parser.add_argument("--passes", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--matters", type=int)
    parser.add_argument("--applications", type=int)
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    return parser.parse_args()


def settings_of(args: argparse.Namespace) -> dict[str, Any]:
    chosen = dict(QUICK if args.quick else FULL)
    for key in ("passes", "seconds", "matters", "applications"):
        if getattr(args, key) is not None:
            chosen[key] = getattr(args, key)
    return {**chosen, "scale": "quick" if args.quick else "full", "cores": os.cpu_count(),
            "groups": [g for g in args.rows.split(",") if g]}


def on_the_platform(settings: dict[str, Any], logs: Path, keep: bool, stages: Stages,
                    generating: scale_data.Generation | None) -> Rows:
    """Rows 1–4 on the demo zone in distributed mode (measured once the scale data, made
    meanwhile in another database, is written: the two would share the CPU)."""
    rows: list[Row] = []
    extra: dict[str, Any] = {}
    passes, seconds = settings["passes"], settings["seconds"]
    with tempfile.TemporaryDirectory(prefix="onewindow-bench-files-") as files, \
            scratch.database("bench_platform", keep) as url, Processes(logs) as processes:
        migrate(url)
        load_demo(url)
        stages.done("platform migrated, demo loaded")
        platform = Platform(processes, url, Path(files))
        platform.start(*SERVICES, "gateway")
        eventually(platform.base("publish") + reads.GUIDE, bearer("bench", "public"))
        extra["outbox_pending_at_start"] = drained(url)
        stages.done("platform ready, outboxes delivered")
        if generating is not None:
            generating.result()
            stages.done("scale data waited for")
        if "reads" in settings["groups"]:
            found, detail = reads.measure(platform, url, passes=passes, seconds=seconds)
            rows, extra = rows + found, {**extra, **detail}
            stages.done("rows 1-3 measured")
            found, detail = replicas.measure(platform, passes=passes, seconds=seconds)
            rows, extra = rows + found, {**extra, **detail}
            stages.done("CPU per request with 1 and 2 replicas measured")
        if "filing" in settings["groups"]:
            found, detail = filing.measure(platform, url, Path(files), passes=passes,
                                           seconds=seconds)
            rows, extra = rows + found, {**extra, **detail}
            stages.done("row 4 measured")
    return rows, extra


def on_scale(settings: dict[str, Any], logs: Path, stages: Stages, url: str,
             generating: scale_data.Generation) -> Rows:
    """Row 5 on the generated data."""
    made = generating.result()
    stages.done("scale data generated")
    with Processes(logs) as processes:
        found = scale.measure(url, made, processes, passes=settings["passes"],
                              seconds=settings["seconds"])
    stages.done("row 5 measured")
    return found


def attempt(group: str, failures: dict[str, str], call: Callable[[], Rows]) -> Rows:
    """One group's rows; when it fails, none, and why (the other groups' rows still count)."""
    try:
        return call()
    except Exception as failed:  # noqa: BLE001 - reported in the results and the exit status
        traceback.print_exc()
        failures[group] = f"{type(failed).__name__}: {failed}"[:2000]
        return [], {}


def main() -> None:
    """Run the chosen groups, write the results, print the table."""
    args = arguments()
    settings = settings_of(args)
    groups = set(settings["groups"])
    ensure_wrk()
    stages = Stages()
    logs = Path(tempfile.mkdtemp(prefix="onewindow-bench-logs-"))
    rows: list[Row] = []
    extra: dict[str, Any] = {"process_logs": str(logs), "stages_s": stages}
    failures: dict[str, str] = {}
    with ExitStack() as stack:
        generating = None
        if "scale" in groups:
            scale_url = stack.enter_context(scratch.database("bench_scale", args.keep))
            generating = scale_data.Generation(scale_url, matters=settings["matters"],
                                               count=settings["applications"],
                                               log=logs / "scale-data.log")
            stack.callback(generating.stop)
        if {"reads", "filing"} & groups:
            found, detail = attempt("platform", failures, lambda: on_the_platform(
                settings, logs, args.keep, stages, generating))
            rows, extra = rows + found, {**extra, **detail}
        if generating is not None:
            found, detail = attempt("scale", failures, lambda: on_scale(
                settings, logs, stages, scale_url, generating))
            rows, extra = rows + found, {**extra, **detail}
    if "memory" in groups:
        found, detail = attempt("memory", failures,
                                lambda: memory.measure(settings, logs, stages))
        rows, extra = rows + found, {**extra, **detail}
    settings.update(finished=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                    took_minutes=(time.monotonic() - stages.began) / 60, failed=failures)
    json_path, table_path = write(sorted(rows, key=lambda r: r.goal_number), settings, extra)
    print(table_path.read_text(encoding="utf-8"))
    print(f"written: {json_path} and {table_path}")
    if failures:
        sys.exit(f"groups that failed: {', '.join(failures)} (see above and the JSON)")


if __name__ == "__main__":
    main()
