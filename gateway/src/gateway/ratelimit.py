"""A per-client request budget (sliding window, a minute by default): for machine clients,
and per address for public forms such as complaints."""

import math
import time
from collections import defaultdict, deque

from starlette.requests import Request


class RateLimiter:
    """Allows `per_minute` requests per key in any `window` seconds (60 unless said)."""

    def __init__(self, per_minute: int, window: float = 60.0) -> None:
        self.per_minute, self.window = per_minute, window
        self.calls: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, key: str) -> int | None:
        """None when the call may go ahead (and counts it), else seconds to wait."""
        now = time.monotonic()
        window = self.calls[key]
        while window and window[0] <= now - self.window:
            window.popleft()
        if len(window) >= self.per_minute:
            return max(1, math.ceil(window[0] + self.window - now))
        window.append(now)
        return None


def complaint_wait(request: Request) -> int | None:
    """None when this address may file one more complaint (and counts it), else seconds to
    wait: the public complaint form and API are no way to flood the supervisors."""
    address = request.client.host if request.client else "unknown"
    wait: int | None = request.app.state.complaint_limiter.retry_after(address)
    return wait
