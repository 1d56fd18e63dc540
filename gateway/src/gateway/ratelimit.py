"""A per-client request budget (sliding minute) for machine clients, and for the hall's public
ticket dispenser per address."""

import math
import time
from collections import defaultdict, deque

from starlette.requests import Request

MAX_KEYS = 10_000


class RateLimiter:
    """Allows `per_minute` requests per key in any 60 seconds."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.calls: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, key: str) -> int | None:
        """None when the call may go ahead (and counts it), else seconds to wait."""
        now = time.monotonic()
        if len(self.calls) > MAX_KEYS:  # many addresses: forget those quiet for a minute
            self.calls = defaultdict(deque, {k: w for k, w in self.calls.items()
                                             if w and w[-1] > now - 60})
        window = self.calls[key]
        while window and window[0] <= now - 60:
            window.popleft()
        if len(window) >= self.per_minute:
            return max(1, math.ceil(window[0] + 60 - now))
        window.append(now)
        return None


HALL_TICKETS = "/api/intake/v1/hall/tickets"


def ticket_wait(request: Request) -> int | None:
    """Seconds the visitor's address waits before taking another ticket (None: go ahead); the
    public dispenser must not be emptied by a script."""
    host = request.client.host if request.client else "unknown"
    return request.app.state.ticket_limiter.retry_after(host)  # type: ignore[no-any-return]
