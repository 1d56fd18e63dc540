"""A per-client request budget (sliding minute) for machine clients."""

import math
import time
from collections import defaultdict, deque

from starlette.requests import Request

# Public lookups by a code anyone may try (办件查询, a document's check): guessing is slowed
# per network address.
LOOKUPS = ("/api/intake/v1/progress/", "/api/intake/v1/documents/verify/")


class RateLimiter:
    """Allows `per_minute` requests per key in any 60 seconds."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.calls: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, key: str) -> int | None:
        """None when the call may go ahead (and counts it), else seconds to wait."""
        now = time.monotonic()
        window = self.calls[key]
        while window and window[0] <= now - 60:
            window.popleft()
        if len(window) >= self.per_minute:
            return max(1, math.ceil(window[0] + 60 - now))
        window.append(now)
        return None


def lookup_wait(request: Request) -> int | None:
    """None when the caller's address may make one more public lookup (and counts it), else
    the seconds to wait."""
    address = request.client.host if request.client else "unknown"
    limiter: RateLimiter = request.app.state.lookups
    return limiter.retry_after(address)
