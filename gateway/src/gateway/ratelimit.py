"""Request budgets (sliding windows): per machine client for the provincial API, and per
network address for what anyone may do signed out — public lookups by a code (办件查询, a
document's check, a hall visit rated by its ticket's code), complaints and the hall's
tickets — so no script guesses codes, floods the supervisors or empties the dispenser."""

import math
import re
import time
from collections import defaultdict, deque

from starlette.requests import Request

MAX_KEYS = 10_000
LOOKUPS = ("/api/intake/v1/progress/", "/api/intake/v1/documents/verify/")
COMPLAINTS = "/api/intake/v1/complaints"
HALL_TICKETS = "/api/intake/v1/hall/tickets"
VISIT_RATING = re.compile(r"^/api/intake/v1/hall/tickets/[^/]+/rating/?$")
# What each per-address budget's refusal says on the API.
TOO_MANY = {"lookups": "Too many lookups from this address; try again later.",
            "complaints": "Too many complaints from this address; try again later.",
            "tickets": "Too many tickets from this address; try again later."}


class RateLimiter:
    """Allows `per_minute` requests per key in any `window` seconds (60 unless said)."""

    def __init__(self, per_minute: int, window: float = 60.0) -> None:
        self.per_minute, self.window = per_minute, window
        self.calls: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, key: str) -> int | None:
        """None when the call may go ahead (and counts it), else seconds to wait."""
        now = time.monotonic()
        if len(self.calls) > MAX_KEYS:  # many addresses: forget those quiet for a window
            self.calls = defaultdict(deque, {k: w for k, w in self.calls.items()
                                             if w and w[-1] > now - self.window})
        window = self.calls[key]
        while window and window[0] <= now - self.window:
            window.popleft()
        if len(window) >= self.per_minute:
            return max(1, math.ceil(window[0] + self.window - now))
        window.append(now)
        return None


def address_wait(request: Request, budget: str) -> int | None:
    """None when the caller's address may spend one more of `budget` (lookups, complaints,
    tickets; and it is counted), else the seconds to wait."""
    address = request.client.host if request.client else "unknown"
    limiter: RateLimiter = request.app.state.budgets[budget]
    return limiter.retry_after(address)


def public_budget(method: str, target: str) -> str | None:
    """The per-address budget an API call spends, if any."""
    if target.startswith(LOOKUPS) or (method == "POST" and VISIT_RATING.match(target)):
        return "lookups"  # a code tried: a case's, a document's, a ticket's (rating a visit)
    if method == "POST" and target.rstrip("/") == COMPLAINTS:
        return "complaints"
    if method == "POST" and target.rstrip("/") == HALL_TICKETS:
        return "tickets"
    return None


def public_wait(request: Request, target: str) -> tuple[int, str] | None:
    """The wait (seconds, and why) before an address may make one more public API call that
    spends a per-address budget, or None when it may go ahead (and is counted)."""
    budget = public_budget(request.method, target)
    if budget is not None and (wait := address_wait(request, budget)) is not None:
        return wait, TOO_MANY[budget]
    return None
