"""Running a coroutine from a synchronous test."""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def on_a_thread(work: Coroutine[Any, Any, Any]) -> Any:
    """Run `work` on an event loop of its own thread: when the whole suite runs, a browser
    test's loop (Playwright's sync API) may be running in this one, and asyncio.run refuses."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, work).result()
