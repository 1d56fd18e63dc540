"""`make bench` reads wrk right: the latency distribution in every unit wrk prints, never the
thread stats' "+/- Stdev" percentage, p95 from the runner's Lua report — and, when wrk is
installed, a real run against the hello-world baseline agrees with wrk's own histogram."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks import wrk
from benchmarks.measure import Summary, Target, interleave
from benchmarks.replicas import Metered, cpu_seconds
from benchmarks.report import latency_row, markdown, ratio_row

# The thread stats' Stdev share is 99.12% and the distribution is in us and ms: the old parser
# (`99%\s+(\S+)`) read "Req/Sec" from it, or a stdev.
FAST = """Running 5s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.51us    1.02ms  31.90ms   99.12%
    Req/Sec     9.87k   512.33    10.90k    99%
  Latency Distribution
     50%  652.00us
     75%  801.00us
     90%    1.05ms
     99%    4.21ms
  98201 requests in 5.00s, 14.38MB read
Requests/sec:  19637.74
Transfer/sec:      2.88MB
BENCH-PERCENTILES-US p50=652 p95=1873 p99=4211
"""
# A saturated server: seconds, a minute, refusals and timeouts.
SLOW = """Running 5s test @ http://127.0.0.1:8000/api/intake/v1/applications
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20s   300.10ms   1.97s    69.99%
    Req/Sec     3.10      2.05     9.00     75.00%
  Latency Distribution
     50%    1.18s
     75%    1.40s
     90%    1.71s
     99%    1.02m
  37 requests in 5.01s, 51.20KB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:      7.39
Transfer/sec:     10.22KB
"""


def test_the_distribution_is_read_in_its_own_units_and_p95_from_the_report() -> None:
    found = wrk.parse(FAST)
    assert found.latency_ms == {"p50": 0.652, "p75": 0.801, "p90": 1.05, "p95": 1.873,
                                "p99": 4.21}
    assert (found.requests_per_second, found.requests) == (19637.74, 98201)
    assert (found.non_2xx, found.socket_errors) == (0, 0)


def test_seconds_minutes_refusals_and_socket_errors() -> None:
    found = wrk.parse(SLOW)
    assert found.latency_ms == {"p50": 1180.0, "p75": 1400.0, "p90": 1710.0, "p99": 61200.0}
    assert (found.non_2xx, found.socket_errors, found.requests) == (4, 3, 37)


def test_output_without_a_latency_distribution_is_refused() -> None:
    without = re.sub(r"  Latency Distribution\n(.*\n){4}", "", FAST)
    with pytest.raises(ValueError):
        wrk.parse(without)


def test_a_row_meets_its_goal_only_at_the_ratio_and_shows_its_tail() -> None:
    def side(rate: float) -> Summary:
        return Summary(requests_per_second=rate, latency_ms={"p50": 2.0, "p95": 5, "p99": 7.0})

    met = ratio_row(1, "read", "raw", side(1000), side(500), 0.5)
    missed = ratio_row(1, "read", "raw", side(1000), side(499), 0.5)
    assert (met.met, met.ratio, met.tail) == (True, "0.50×", 3.5)
    assert missed.met is False
    table = markdown([met, missed], {"finished": "now", "scale": "quick", "matters": 1,
                                     "applications": 1, "passes": 1, "seconds": 1, "cores": 2,
                                     "took_minutes": 1})
    assert "| 1 | read | raw: 1,000 req/s | 500 req/s | 0.50× | ≥ 0.5× | yes |" in table
    assert "| 3.5 **no** |" in table


def test_a_path_that_answered_nothing_within_the_run_misses_its_goal() -> None:
    silent = Summary(error="NoAnswer: no answer within 5 s at 16 connections")
    row = latency_row(5, "queue", "—", None, silent, share="p95", below_ms=50)
    assert (row.met, row.onewindow) == (False, "no answer within 5 s at 16 connections")
    broken = latency_row(5, "queue", "—", None, Summary(error="RuntimeError: boom"),
                         share="p95", below_ms=50)
    assert broken.met is None


class Slow:
    """A target that answers nothing within a one-second warm-up, then answers."""

    connections = 16

    def run(self, seconds: float) -> wrk.Measurement:
        if seconds < 2:
            raise wrk.NoAnswer("no answer within 1 s at 16 connections")
        return wrk.Measurement(requests_per_second=3.0, requests=15,
                               latency_ms={"p50": 4000.0, "p95": 4900.0, "p99": 4950.0})


def test_a_slow_warm_up_does_not_keep_a_path_from_being_measured() -> None:
    found = interleave({"slow": Slow()}, passes=2, seconds=5)["slow"]
    assert (found.error, found.requests, found.latency_ms["p95"]) == (None, 30, 4900.0)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_a_real_run_agrees_with_the_histogram_wrk_reports_itself(tmp_path: Path) -> None:
    port = wrk.free_port()
    with wrk.Processes(tmp_path) as processes:
        processes.start("hello", wrk.uvicorn("benchmarks.baselines:hello", port, factory=False),
                        {}, f"http://127.0.0.1:{port}/")
        lua = wrk.script()
        done = subprocess.run(["wrk", "-t2", "-c8", "-d2s", "--latency", "-s", str(lua),
                               f"http://127.0.0.1:{port}/"], capture_output=True, text=True,
                              check=True, timeout=60)
        lua.unlink()
    found = wrk.parse(done.stdout)
    own = re.search(r"p50=(\d+) p95=(\d+) p99=(\d+)", done.stdout)
    assert own is not None, done.stdout
    p50, p95, p99 = (int(v) / 1000 for v in own.groups())
    # wrk prints the distribution rounded to two decimals of its unit
    assert found.latency_ms["p50"] == pytest.approx(p50, rel=0.01, abs=0.01)
    assert found.latency_ms["p99"] == pytest.approx(p99, rel=0.01, abs=0.01)
    assert found.latency_ms["p95"] == pytest.approx(p95, abs=0.001)
    assert found.requests > 0 and found.non_2xx == 0, done.stdout


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_the_cpu_a_server_spends_is_counted_per_request(tmp_path: Path) -> None:
    port = wrk.free_port()
    with wrk.Processes(tmp_path) as processes:
        hello = processes.start("hello", wrk.uvicorn("benchmarks.baselines:hello", port,
                                                     factory=False),
                                {}, f"http://127.0.0.1:{port}/")
        metered = Metered(Target(f"http://127.0.0.1:{port}/", connections=4), [hello.pid])
        idle = cpu_seconds([hello.pid])
        metered.run(1.0)
    assert metered.requests > 100
    assert 0 < metered.cpu < 5  # the server's own CPU in a 1 s run, not wrk's nor the test's
    assert metered.runs[0] == pytest.approx(metered.cpu / metered.requests * 1000, rel=0.01)
    assert idle > 0  # the server's start-up counted before the run, not in it
