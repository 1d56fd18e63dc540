"""kit.heap: a part sets what start-up built aside from the cycle collector (gc.freeze), so a
full collection walks only what requests made (the tail latency of every path), and keeps
its threads to two malloc arenas (its memory)."""

import gc
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from kit.app import create_part_app
from tests.kit.conftest import PART, Settings


def test_start_up_sets_its_objects_aside_from_the_collector(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEWINDOW_FREEZE_HEAP", "1")  # the suite's processes leave it off
    gc.unfreeze()
    assert gc.get_freeze_count() == 0

    with TestClient(create_part_app(name=PART, settings=Settings(database_url=db_url),
                                    routers=[])) as client:
        assert client.get("/healthz").status_code == 200
        frozen = gc.get_freeze_count()

    assert frozen > 100_000  # modules, routes and schemas: every object start-up left alive
    gc.unfreeze()  # the suite's later apps are collected as usual


def test_the_suite_leaves_its_heap_to_the_collector(db_url: str) -> None:
    with TestClient(create_part_app(name=PART, settings=Settings(database_url=db_url),
                                    routers=[])):
        assert gc.get_freeze_count() == 0


PROBE = """
import ctypes, os, sys, tempfile, threading
from kit.heap import fewer_arenas
if sys.argv[1] == "fewer":
    fewer_arenas()
def work():
    kept = [bytearray(4096) for _ in range(2000)]
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
libc = ctypes.CDLL("libc.so.6")
libc.fdopen.restype = ctypes.c_void_p
with tempfile.TemporaryFile() as out:
    stream = ctypes.c_void_p(libc.fdopen(os.dup(out.fileno()), b"w"))
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    out.seek(0)
    print(out.read().count(b"<heap nr="))
"""


def arenas(*args: str, env: dict[str, str] | None = None) -> int:
    """The malloc arenas a process has after eight threads allocated (glibc's malloc_info)."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          check=True, env={**os.environ, **(env or {})})
    return int(done.stdout)


def test_a_part_keeps_to_two_malloc_arenas_unless_the_operator_chose() -> None:
    without = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    assert arenas("not", env=without) > 2  # glibc's own choice: one per thread, up to 8 a core
    assert arenas("fewer", env=without) <= 2
    assert arenas("fewer", env={"MALLOC_ARENA_MAX": "1"}) == 1


TRIM_PROBE = """
import sys
from kit.heap import trim
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20
chunks = [bytes(2000) for _ in range(100_000)]  # ~200 MB from malloc (past pymalloc's 512 B)
pin = bytes(2000)  # on top: the heap cannot shrink from its end by itself
del chunks
freed = rss_mb()
if sys.argv[1] == "trim":
    trim()
print(round(freed), round(rss_mb()))
"""


def resident_mb(*args: str) -> tuple[int, int]:
    """A process's resident MB once it freed 200 MB, and after (`trim`) or without a trim."""
    done = subprocess.run([sys.executable, "-c", TRIM_PROBE, *args], capture_output=True,
                          text=True, check=True)
    freed, after = done.stdout.split()
    return int(freed), int(after)


def test_freed_memory_goes_back_to_the_system_at_a_trim() -> None:
    freed, kept = resident_mb("not")
    assert kept > freed - 10 > 150  # glibc keeps what was freed in the heap's middle
    freed, trimmed = resident_mb("trim")
    assert trimmed < freed - 150
