"""Row 7's figure: CPU-seconds per request with one and with two replicas of a service. The
guide is read through the gateway at 16 connections, once through a gateway that calls one
publish and once through a gateway that spreads its calls over two; the CPU of every process
on the way (the gateway and the replicas, from /proc) is divided by the requests answered."""

import os
from dataclasses import dataclass, field
from typing import Any

from benchmarks import wrk
from benchmarks.measure import Target, interleave
from benchmarks.parts import Platform
from benchmarks.reads import GUIDE
from benchmarks.report import Row, rps
from benchmarks.wrk import free_port, uvicorn

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU the processes used so far."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / TICKS


@dataclass
class Metered:
    """A target whose runs also count the CPU its processes spent."""

    target: Target
    pids: list[int]
    cpu: float = 0.0
    requests: int = 0
    runs: list[float] = field(default_factory=list)

    @property
    def connections(self) -> int:
        return self.target.connections

    def run(self, seconds: float) -> wrk.Measurement:
        before = cpu_seconds(self.pids)
        measured = self.target.run(seconds)
        spent = cpu_seconds(self.pids) - before
        self.cpu, self.requests = self.cpu + spent, self.requests + measured.requests
        self.runs.append(round(spent / max(measured.requests, 1) * 1000, 3))
        return measured


def start_second(platform: Platform) -> tuple[str, int]:
    """A second publish on the same database, and a gateway that spreads over both: the
    gateway's base and the replica's pid."""
    processes, env = platform.processes, platform.env
    port = free_port()
    replica = processes.start("publish-2", uvicorn("publish.main:create_app", port), env,
                              f"http://127.0.0.1:{port}/readyz")
    both = f"{platform.base('publish')},http://127.0.0.1:{port}"
    gateway = free_port()
    processes.start("gateway-2", uvicorn("gateway.main:create_app", gateway),
                    {**env, "ONEWINDOW_MODE": "distributed", "ONEWINDOW_PUBLISH_URL": both},
                    f"http://127.0.0.1:{gateway}/readyz")
    return f"http://127.0.0.1:{gateway}", replica.pid


def measure(platform: Platform, *, passes: int, seconds: float) -> tuple[list[Row], dict[str, Any]]:
    """The row: CPU-milliseconds per request with one replica beside two."""
    gateway_two, replica = start_second(platform)
    pids = platform.processes.pids
    one = Metered(Target(platform.base("gateway") + GUIDE), [pids["gateway"], pids["publish"]])
    two = Metered(Target(gateway_two + GUIDE), [pids["gateway-2"], pids["publish"], replica])
    got = interleave({"one replica": one, "two replicas": two}, passes=passes, seconds=seconds)
    each = {name: metered.cpu / max(metered.requests, 1) * 1000
            for name, metered in (("one replica", one), ("two replicas", two))}
    row = Row(7, "CPU per request, the guide through the gateway, publish as 1 and 2 replicas",
              f"one replica: {each['one replica']:.2f} ms CPU/request, {rps(got['one replica'])}",
              f"two replicas: {each['two replicas']:.2f} ms CPU/request, "
              f"{rps(got['two replicas'])}",
              f"{each['two replicas'] / each['one replica']:.2f}× the CPU per request",
              "reported", None, got["two replicas"].latency_ms,
              {"cpu_ms_per_request": each,
               "cpu_ms_per_request_by_pass": {"one replica": one.runs, "two replicas": two.runs},
               **{name: summary.as_json() for name, summary in got.items()}})
    return [row], {"replicas": row.detail}
