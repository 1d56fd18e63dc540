"""Memory of each part in distributed mode: the figures deploy/ sizes its pods from.

Starts the five parts as separate uvicorn processes on the PostgreSQL database given (it is
migrated and the demo zone loaded into it), reads each process's resident memory once ready,
then lets the demo's people file, accept, review and decide cases through the gateway (intake
renders their PDFs) and reads a mix of pages as the public, an applicant, a clerk and a
supervisor; then it reads each process's resident memory again and its peak (VmHWM).

    uv run python -m benchmarks.part_memory postgresql+psycopg://postgres@127.0.0.1/scratch \
        [--requests 2000]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import structlog

from gateway import demo_cases, demo_joint, demo_review
from tests.live import DEMO_PASSWORD, ROOT, free_port, running

PARTS = ("catalog", "intake", "review", "publish", "gateway")
PAGES = {  # who reads which pages; None is the public
    None: ["/", "/search?q=规划", "/statistics", "/briefings", "/power-list", "/open-data"],
    "enterprise": ["/my/applications", "/projects"],
    "clerk": ["/clerk/applications"],
    "supervisor": ["/supervision/cases", "/progress"],
}


def memory(pid: int) -> dict[str, float]:
    """Resident and peak resident memory of a process, in MiB (Linux /proc)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mib": fields["VmRSS"], "peak_mib": fields["VmHWM"]}


def client(base: str, username: str | None) -> httpx.Client:
    """A client of the gateway, signed in as a demo account unless anonymous."""
    http = httpx.Client(base_url=base, timeout=60)
    if username:
        answer = http.post("/api/auth/sign-in",
                           json={"username": username, "password": DEMO_PASSWORD})
        answer.raise_for_status()
    return http


def read_pages(base: str, requests: int) -> dict[str, int]:
    """`requests` page reads spread over the pages and people of PAGES; counts by status."""
    clients = {who: client(base, who) for who in PAGES}
    rounds = [(who, path) for who, paths in PAGES.items() for path in paths]
    statuses: dict[str, int] = {}
    for n in range(requests):
        who, path = rounds[n % len(rounds)]
        status = str(clients[who].get(path).status_code)
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url", help="a scratch PostgreSQL database (migrated here)")
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    # The demo loaders log as they go; stdout keeps the report alone.
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(sys.stderr))
    env = {"ONEWINDOW_DATABASE_URL": args.database_url, "ONEWINDOW_LOG_LEVEL": "WARNING"}
    for command in ("migrate", "demo"):
        subprocess.run([sys.executable, "-m", "gateway", command], env={**os.environ, **env},
                       cwd=ROOT, check=True, capture_output=True)
    ports = {part: free_port() for part in PARTS}
    env.update({f"ONEWINDOW_{p.upper()}_URL": f"http://127.0.0.1:{ports[p]}" for p in PARTS})
    logs = Path(tempfile.mkdtemp(prefix="onewindow-memory-"))
    report: dict[str, object] = {"requests": args.requests}
    with ExitStack() as stack:
        processes = {}
        for part in PARTS:
            extra = {"ONEWINDOW_MODE": "distributed"} if part == "gateway" else {}
            args_ = [sys.executable, "-m", "uvicorn", f"{part}.main:create_app", "--factory",
                     "--port", str(ports[part]), "--no-access-log"]
            processes[part] = stack.enter_context(running(
                args_, {**env, **extra}, f"http://127.0.0.1:{ports[part]}/readyz",
                logs / f"{part}.log"))
        report["ready"] = {part: memory(p.pid) for part, p in processes.items()}
        base = f"http://127.0.0.1:{ports['gateway']}"
        started = time.monotonic()
        report["cases_filed"] = len(demo_cases.file_cases(base))
        demo_joint.file_case(base)
        demo_review.review_cases(base)
        time.sleep(15)  # intake renders the cases' documents every 10 s
        report["statuses"] = read_pages(base, args.requests)
        report["seconds"] = round(time.monotonic() - started, 1)
        report["after"] = {part: memory(p.pid) for part, p in processes.items()}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
