"""Request budgets (sliding windows): per machine client for the provincial API, and per
network address for what anyone may do signed out — public lookups by a code (办件查询, a
document's check, a hall visit rated by its ticket's code), complaints and the hall's
tickets — so no script guesses codes, floods the supervisors or empties the dispenser.

One gateway counts in its own memory; replicas of the gateway share their counters in Redis
(`ONEWINDOW_REDIS_URL`), so a caller spreading calls over the replicas gets one budget. When
Redis does not answer, each replica goes on counting alone (a budget per replica, never none).
"""

import math
import re
import time
import uuid
from collections import defaultdict, deque

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.requests import Request

from gateway.config import GatewaySettings

log = structlog.get_logger()

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

    async def retry_after(self, key: str) -> int | None:
        """None when the call may go ahead (and counts it), else seconds to wait."""
        return self.spend(key)

    def spend(self, key: str) -> int | None:
        """`retry_after`, counted in this process."""
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


# A sliding window in one sorted set per key, on Redis's clock (the replicas' clocks may differ):
# drop the calls older than the window, refuse when it is full (saying when its oldest call
# leaves it), else count this call. Atomic: Redis runs a script alone.
SLIDING_WINDOW = """
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - ms
end
redis.call('ZADD', KEYS[1], ms, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return -1
"""


class SharedRateLimiter(RateLimiter):
    """A `RateLimiter` whose counters every replica of the gateway shares in Redis."""

    def __init__(self, redis: Redis, name: str, per_minute: int, window: float = 60.0) -> None:
        super().__init__(per_minute, window)
        self.redis, self.name = redis, name  # name: "<prefix>:budget:<budget>"
        self.script = redis.register_script(SLIDING_WINDOW)

    async def retry_after(self, key: str) -> int | None:
        try:
            wait_ms = await self.script(keys=[f"{self.name}:{key}"[:300]],
                                        args=[self.per_minute, int(self.window * 1000),
                                              uuid.uuid4().hex])
        except RedisError as exc:
            log.warning("shared_budget_unavailable", budget=self.name, error=repr(exc))
            return self.spend(key)
        return None if int(wait_ms) < 0 else max(1, math.ceil(int(wait_ms) / 1000))


def budgets(settings: GatewaySettings, redis: Redis | None) -> dict[str, RateLimiter]:
    """The gateway's budgets: the provincial API's per client (`sync`), and the per-address
    ones; shared through `redis` when the gateway runs as replicas."""
    sizes = {"sync": (settings.sync_requests_per_minute, 60.0),
             "lookups": (settings.lookups_per_minute, 60.0),
             "complaints": (settings.complaints_per_hour, 3600.0),
             "tickets": (settings.hall_tickets_per_minute, 60.0)}
    if redis is None:
        return {name: RateLimiter(size, window) for name, (size, window) in sizes.items()}
    return {name: SharedRateLimiter(redis, f"{settings.redis_prefix}:budget:{name}", size, window)
            for name, (size, window) in sizes.items()}


async def address_wait(request: Request, budget: str) -> int | None:
    """None when the caller's address may spend one more of `budget` (lookups, complaints,
    tickets; and it is counted), else the seconds to wait."""
    address = request.client.host if request.client else "unknown"
    limiter: RateLimiter = request.app.state.budgets[budget]
    return await limiter.retry_after(address)


def public_budget(method: str, target: str) -> str | None:
    """The per-address budget an API call spends, if any."""
    if target.startswith(LOOKUPS) or (method == "POST" and VISIT_RATING.match(target)):
        return "lookups"  # a code tried: a case's, a document's, a ticket's (rating a visit)
    if method == "POST" and target.rstrip("/") == COMPLAINTS:
        return "complaints"
    if method == "POST" and target.rstrip("/") == HALL_TICKETS:
        return "tickets"
    return None


async def public_wait(request: Request, target: str) -> tuple[int, str] | None:
    """The wait (seconds, and why) before an address may make one more public API call that
    spends a per-address budget, or None when it may go ahead (and is counted)."""
    budget = public_budget(request.method, target)
    if budget is not None and (wait := await address_wait(request, budget)) is not None:
        return wait, TOO_MANY[budget]
    return None
