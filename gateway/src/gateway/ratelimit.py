"""A per-client request budget (sliding window, a minute by default): for machine clients,
and per address for public forms such as complaints."""

import math
import time
from collections import defaultdict, deque

from starlette.requests import Request

# Public lookups by a code anyone may try (办件查询, a document's check): guessing is slowed
# per network address.
LOOKUPS = ("/api/intake/v1/progress/", "/api/intake/v1/documents/verify/")
COMPLAINTS = "/api/intake/v1/complaints"

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


def lookup_wait(request: Request) -> int | None:
    """None when the caller's address may make one more public lookup (and counts it), else
    the seconds to wait."""
    address = request.client.host if request.client else "unknown"
    limiter: RateLimiter = request.app.state.lookups
    return limiter.retry_after(address)


def complaint_wait(request: Request) -> int | None:
    """None when this address may file one more complaint (and counts it), else seconds to
    wait: the public complaint form and API are no way to flood the supervisors."""
    address = request.client.host if request.client else "unknown"
    wait: int | None = request.app.state.complaint_limiter.retry_after(address)
    return wait


def public_wait(request: Request, target: str) -> tuple[int, str] | None:
    """The wait (seconds, and why) before an address may make one more public API call that
    spends a per-address budget, or None when it may go ahead (and is counted)."""
    if target.startswith(LOOKUPS) and (wait := lookup_wait(request)) is not None:
        return wait, "Too many lookups from this address; try again later."
    if request.method == "POST" and target.rstrip("/") == COMPLAINTS \
            and (wait := complaint_wait(request)) is not None:
        return wait, "Too many complaints from this address; try again later."
    return None
