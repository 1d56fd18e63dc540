"""Side by side: every target of a comparison driven in turn, pass after pass, then medians —
so a baseline and OneWindow share whatever else the machine was doing at the time."""

import statistics
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from benchmarks import wrk


class Stages(dict[str, float]):
    """When each stage of the run ended (seconds from the start), printed as it happens."""

    def __init__(self) -> None:
        super().__init__()
        self.began = time.monotonic()

    def done(self, stage: str) -> None:
        self[stage] = round(time.monotonic() - self.began, 1)
        print(f"[{self[stage]:7.1f} s] {stage}", file=sys.stderr, flush=True)


class Runs(Protocol):
    """Anything driven for some seconds into one Measurement: a wrk target, a baseline."""

    @property
    def connections(self) -> int: ...

    def run(self, seconds: float) -> wrk.Measurement: ...


@dataclass(frozen=True)
class Target:
    """One URL as wrk drives it (connections, headers, Lua settings and script)."""

    url: str
    connections: int = 16
    headers: dict[str, str] = field(default_factory=dict)
    preamble: str = ""
    body: str = ""
    allow_non_2xx: bool = False

    def run(self, seconds: float) -> wrk.Measurement:
        return wrk.run(self.url, connections=self.connections, seconds=seconds,
                       headers=self.headers, preamble=self.preamble, body=self.body,
                       allow_non_2xx=self.allow_non_2xx)


@dataclass
class Summary:
    """Medians over the passes of one target (or why it could not be measured)."""

    requests_per_second: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)
    passes: list[float] = field(default_factory=list)
    requests: int = 0
    non_2xx: int = 0
    connections: int = 16
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"requests_per_second": round(self.requests_per_second, 1),
                "latency_ms": self.latency_ms, "passes_requests_per_second": self.passes,
                "requests": self.requests, "non_2xx": self.non_2xx,
                "connections": self.connections, **({"error": self.error} if self.error else {})}


def summarize(runs: list[wrk.Measurement], connections: int) -> Summary:
    """The median throughput and the median of each latency percentile over `runs`."""
    shares = sorted({k for m in runs for k in m.latency_ms}, key=lambda k: int(k[1:]))
    return Summary(
        requests_per_second=statistics.median(m.requests_per_second for m in runs),
        latency_ms={k: round(statistics.median(m.latency_ms[k] for m in runs
                                               if k in m.latency_ms), 3) for k in shares},
        passes=[round(m.requests_per_second, 1) for m in runs],
        requests=sum(m.requests for m in runs), non_2xx=sum(m.non_2xx for m in runs),
        connections=connections)


def interleave(targets: Mapping[str, Runs], *, passes: int, seconds: float,
               warm_up: float = 1.0) -> dict[str, Summary]:
    """Warm each target up, then run them in turn `passes` times; a target that fails keeps
    its error and does not stop the others."""
    runs: dict[str, list[wrk.Measurement]] = {name: [] for name in targets}
    errors: dict[str, str] = {}
    for name, target in targets.items():
        try:
            target.run(warm_up)
        except wrk.NoAnswer:
            pass  # slower than the warm-up is long: the passes will say how slow
        except Exception as failed:  # noqa: BLE001 - one failed target must not end the run
            errors[name] = f"{type(failed).__name__}: {failed}"[:2000]
    for _ in range(passes):
        for name, target in targets.items():
            if name in errors:
                continue
            try:
                runs[name].append(target.run(seconds))
            except Exception as failed:  # noqa: BLE001 - as above
                errors[name] = f"{type(failed).__name__}: {failed}"[:2000]
    return {name: summarize(runs[name], target.connections) if runs[name] and name not in errors
            else Summary(error=errors.get(name, "not measured"), connections=target.connections)
            for name, target in targets.items()}
