"""The rows of `make bench`: each figure beside its baseline, its goal and whether it was met;
written as one JSON file and one Markdown table under benchmarks/results/."""

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.measure import Summary

RESULTS = Path(__file__).resolve().parent / "results"
TAIL = 3.0  # goal 6: p99/p50 at most this, on every path


@dataclass
class Row:
    """One line of the table: the issue's goal number, the path, both sides, the goal."""

    goal_number: int
    path: str
    baseline: str
    onewindow: str
    ratio: str
    goal: str
    met: bool | None
    latency_ms: dict[str, float] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def tail(self) -> float | None:
        """p99/p50 of the OneWindow side (goal 6), when both were measured."""
        p50, p99 = self.latency_ms.get("p50"), self.latency_ms.get("p99")
        return round(p99 / p50, 2) if p50 and p99 else None


def rps(summary: Summary) -> str:
    """A throughput as the table shows it (or why there is none)."""
    if summary.error:
        return unanswered(summary) or "failed (see JSON)"
    return f"{summary.requests_per_second:,.0f} req/s"


def unanswered(summary: Summary) -> str | None:
    """"no answer within 5 s …" when a run ended before any request was answered."""
    error = summary.error or ""
    return error.split(": ", 1)[1] if error.startswith("NoAnswer: ") else None


def missed(onewindow: Summary) -> bool | None:
    """A goal with no OneWindow figure: missed when nothing was answered, else unknown."""
    return False if unanswered(onewindow) else None


def ratio_row(goal_number: int, path: str, baseline_label: str, baseline: Summary,
              onewindow: Summary, at_least: float, **detail: Any) -> Row:
    """A row whose goal is a throughput ratio to its baseline of at least `at_least`."""
    ratio = (onewindow.requests_per_second / baseline.requests_per_second
             if not (baseline.error or onewindow.error) and baseline.requests_per_second
             else None)
    return Row(goal_number, path, f"{baseline_label}: {rps(baseline)}", rps(onewindow),
               "—" if ratio is None else f"{ratio:.{3 if ratio < 0.1 else 2}f}×",
               f"≥ {at_least}×",
               missed(onewindow) if ratio is None else ratio >= at_least, onewindow.latency_ms,
               {"baseline": baseline.as_json(), "onewindow": onewindow.as_json(), **detail})


def latency_row(goal_number: int, path: str, baseline_label: str, baseline: Summary | None,
                onewindow: Summary, *, share: str, below_ms: float, **detail: Any) -> Row:
    """A row whose goal is one latency percentile (`p95`) below `below_ms`."""
    value = None if onewindow.error else onewindow.latency_ms.get(share)
    ratio = (f"{onewindow.requests_per_second / baseline.requests_per_second:.2f}× of it"
             if baseline and not (baseline.error or onewindow.error) else "—")
    return Row(goal_number, path, f"{baseline_label}: {rps(baseline)}" if baseline else "—",
               rps(onewindow), ratio, f"{share} < {below_ms:g} ms",
               missed(onewindow) if value is None else value < below_ms, onewindow.latency_ms,
               {"baseline": baseline.as_json() if baseline else None,
                "onewindow": onewindow.as_json(), **detail})


def mark(met: bool | None) -> str:
    return "—" if met is None else ("yes" if met else "**no**")


def markdown(rows: list[Row], settings: dict[str, Any]) -> str:
    """The table, with the run's settings above it."""
    lines = [f"`make bench` of {settings['finished']} ({settings['scale']}: "
             f"{settings['matters']:,} matters, {settings['applications']:,} applications; "
             f"{settings['passes']} interleaved passes of {settings['seconds']:g} s, medians; "
             f"{settings['cores']} cores, took {settings['took_minutes']:.1f} min)", "",
             "| # | Path | Baseline in the same run | OneWindow | Ratio | Goal | Met "
             "| p50 ms | p95 ms | p99 ms | p99/p50 (≤ 3) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lat = [f"{row.latency_ms[k]:.2f}" if k in row.latency_ms else "—"
               for k in ("p50", "p95", "p99")]
        tail = "—" if row.tail is None else f"{row.tail:.1f} {mark(row.tail <= TAIL)}"
        lines.append(f"| {row.goal_number} | {row.path} | {row.baseline} | {row.onewindow} | "
                     f"{row.ratio} | {row.goal} | {mark(row.met)} | {' | '.join(lat)} "
                     f"| {tail} |")
    lines += [f"\nNot measured — {group} failed: {why.splitlines()[0]}"
              for group, why in settings.get("failed", {}).items()]
    return "\n".join(lines) + "\n"


def write(rows: list[Row], settings: dict[str, Any], extra: dict[str, Any]) -> tuple[Path, Path]:
    """benchmarks/results/bench-<time>.json and .md (and latest.json, latest.md)."""
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    document = {"settings": settings,
                "rows": [{**asdict(r), "tail_p99_over_p50": r.tail,
                          "tail_met": None if r.tail is None else r.tail <= TAIL} for r in rows],
                **extra}
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    table = markdown(rows, settings)
    paths = RESULTS / f"bench-{stamp}.json", RESULTS / f"bench-{stamp}.md"
    for path, content in zip(paths, (text, table), strict=True):
        path.write_text(content, encoding="utf-8")
        (RESULTS / f"latest{path.suffix}").write_text(content, encoding="utf-8")
    return paths
