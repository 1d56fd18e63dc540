"""The process's heap: fewer malloc arenas, start-up's objects set aside from the cycle
collector, freed memory handed back to the system.

glibc gives each thread that allocates its own arena, up to eight per core; a part's thread
pool, SQLite readers and renderers each fragment one, and the embedded platform settled ~90 MB
higher with them (benchmarks/memory.py: 439 MB against 352 MB with two arenas)."""

import asyncio
import ctypes
import gc
import os

M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h
ARENAS = 2
TRIM_EVERY = 30.0  # seconds


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl, macOS): nothing to tune
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def fewer_arenas() -> None:
    """At most `ARENAS` malloc arenas for the threads made from now on, unless the operator
    chose with `MALLOC_ARENA_MAX`."""
    libc = _glibc()
    if libc is not None and "MALLOC_ARENA_MAX" not in os.environ:
        libc.mallopt(M_ARENA_MAX, ARENAS)


def settle_heap() -> None:
    """Once started: set start-up's objects (modules, routes, schemas, caches, a search
    dictionary) aside from the cycle collector, so its full collections walk only what
    requests made instead of pausing a request for tens of milliseconds over start-up's
    millions of objects (the tail latency); and hand the memory start-up freed back.
    Objects set aside are still freed when nothing refers to them, but a cycle among them
    never is: a process that builds many apps (the test suite) sets `ONEWINDOW_FREEZE_HEAP=0`."""
    if os.environ.get("ONEWINDOW_FREEZE_HEAP", "1") != "0":
        gc.collect()
        gc.freeze()
    trim()


def trim() -> None:
    """Hand the heap's free pages back to the system (glibc keeps them otherwise: a burst of
    rendering or a delivered backlog would stay in the resident set)."""
    if (libc := _glibc()) is not None:
        libc.malloc_trim(0)


async def trimming() -> None:
    """Now and then, `trim` (a few milliseconds)."""
    while True:
        await asyncio.sleep(TRIM_EVERY)
        trim()
