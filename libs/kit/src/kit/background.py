"""A loop that does one round of work now and then: every `interval`, or sooner when kicked."""

import asyncio
import contextlib
import threading

import structlog

log = structlog.get_logger()


class BackgroundLoop:
    """Start with the app, `kick` after writing work for it, stop after the round in hand.

    Stopping never cancels a round midway (a cancelled round could leave a transaction open
    somewhere); only a round still running after `grace` seconds is cancelled.
    """

    name = "background"

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._wake = asyncio.Event()
        self._stopping = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def stopping(self) -> bool:
        """True once stop was asked for (readable from worker threads)."""
        return self._stopping.is_set()

    def start(self) -> None:
        """Start the loop on the running event loop."""
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.create_task(self._run(), name=self.name)

    async def stop(self, grace: float = 10.0) -> None:
        """Stop after the round in hand; cancel it only past `grace` seconds."""
        if self._task is None:
            return
        self._stopping.set()
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def kick(self) -> None:
        """Run a round soon (thread-safe)."""
        if self._loop and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    async def setup(self) -> None:
        """Work done once before the first round."""

    async def round(self) -> None:
        """One round of work."""
        raise NotImplementedError

    async def _run(self) -> None:
        with contextlib.suppress(Exception):
            await self.setup()
        while not self.stopping:
            try:
                await self.round()
            except Exception as exc:  # the loop outlives any one bad round
                log.warning("background_round_failed", loop=self.name, error=repr(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()
