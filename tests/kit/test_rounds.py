"""kit.app.round_on_thread: a background round cancelled by a shutdown finishes first, so its
transaction never outlives the app's database (a thread merely awaited runs on behind it)."""

import asyncio
import threading
import time

import pytest

from kit.app import round_on_thread
from tests.loops import on_a_thread


def test_a_shutdown_waits_for_the_round_in_hand() -> None:
    started, finished = threading.Event(), threading.Event()

    def round_() -> None:
        started.set()
        time.sleep(0.3)
        finished.set()

    async def scenario() -> bool:
        task = asyncio.create_task(round_on_thread(round_))
        await asyncio.to_thread(started.wait)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return finished.is_set()

    assert on_a_thread(scenario()) is True
    assert finished.is_set()


def test_a_round_answers_and_fails_as_the_work_does() -> None:
    def fails() -> None:
        raise ValueError("a bad case")

    assert on_a_thread(round_on_thread(lambda a, *, b: a + b, 1, b=2)) == 3
    with pytest.raises(ValueError, match="a bad case"):
        on_a_thread(round_on_thread(fails))
