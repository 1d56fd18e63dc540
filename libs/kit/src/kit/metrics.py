"""Prometheus metrics of every part: requests by route template and status, their latency,
and the outbox (backlog, oldest pending event, dead letters), served to the operator only.

One registry per process: in embedded mode the gateway's `/ops/metrics` shows every part
(each series labelled with its `part`); in distributed mode each process shows its own.
"""

import hmac
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector
from sqlalchemy import Table, func, select
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.clock import now
from kit.db import Database
from kit.errors import NotFound, Unauthorized
from kit.outbox import pending

REGISTRY = CollectorRegistry()
REQUESTS = Counter("onewindow_http_requests", "HTTP requests answered, by route template.",
                   ["part", "method", "route", "status"], registry=REGISTRY)
LATENCY = Histogram("onewindow_http_request_duration_seconds",
                    "Time to answer an HTTP request, by route template.",
                    ["part", "method", "route"], registry=REGISTRY,
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
ROUNDS = Histogram("onewindow_background_round_seconds",
                   "Time a round of a background loop took (deemed acceptance, the supervision "
                   "sweep, …), by part and loop.", ["part", "loop"], registry=REGISTRY,
                   buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900))
UNMATCHED = "<unmatched>"  # a path no route took: one series, whatever was asked for
METRICS_PATH = "/ops/metrics"


class MetricsMiddleware:
    """Counts and times every HTTP request under the template of the route that took it."""

    def __init__(self, app: ASGIApp, part: str) -> None:
        self.app, self.part = app, part
        # Each series' counter and histogram, looked up once (`labels()` takes a lock and
        # formats its labels every time); the series are few: routes × methods × statuses.
        self.series: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request and its time."""
        key = (method, route, status)
        found = self.series.get(key)
        if found is None:
            found = self.series[key] = (REQUESTS.labels(self.part, method, route, str(status)),
                                        LATENCY.labels(self.part, method, route))
        found[0].inc()
        found[1].observe(seconds)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or UNMATCHED
            method = scope["method"] if scope["method"] in KNOWN_METHODS else "OTHER"
            self.observe(method, route, status, time.perf_counter() - started)


KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


@dataclass(frozen=True)
class OutboxSource:
    """Where one part's outbox is read from when metrics are scraped."""

    part: str
    db: Database
    outbox: Table


_OUTBOXES: dict[str, OutboxSource] = {}


def watch_outbox(part: str, db: Database, outbox: Table) -> Callable[[], None]:
    """Report this part's outbox while it runs; returns what stops it."""
    source = OutboxSource(part, db, outbox)
    _OUTBOXES[part] = source

    def stop() -> None:
        if _OUTBOXES.get(part) is source:
            del _OUTBOXES[part]
    return stop


def outbox_figures(source: OutboxSource) -> tuple[int, float, int]:
    """(events waiting, age in seconds of the oldest waiting, dead letters) of one outbox."""
    o = source.outbox
    with source.db.session(write=False) as s:
        waiting, oldest = s.execute(select(func.count(), func.min(o.c.created_at))
                                    .where(pending(o))).one()
        parked = s.execute(select(func.count()).where(
            o.c.parked_at.is_not(None), o.c.delivered_at.is_(None))).scalar_one()
    age = (now() - oldest).total_seconds() if oldest is not None else 0.0
    return int(waiting), max(age, 0.0), int(parked)


class OutboxCollector(Collector):
    """The outboxes of the parts running in this process, read at each scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        backlog = GaugeMetricFamily("onewindow_outbox_backlog",
                                    "Events waiting to be delivered.", labels=["part"])
        age = GaugeMetricFamily("onewindow_outbox_oldest_age_seconds",
                                "Age of the oldest event waiting to be delivered.",
                                labels=["part"])
        dead = GaugeMetricFamily("onewindow_outbox_dead_letters",
                                 "Events parked after a refusal or too many attempts.",
                                 labels=["part"])
        for part, source in sorted(_OUTBOXES.items()):
            try:
                waiting, oldest, parked = outbox_figures(source)
            except Exception:  # a part whose database is away shows no figures, not an error
                continue
            backlog.add_metric([part], waiting)
            age.add_metric([part], oldest)
            dead.add_metric([part], parked)
        yield from (backlog, age, dead)


REGISTRY.register(OutboxCollector())


def _check_token(request: Request) -> None:
    expected: str | None = request.app.state.settings.metrics_token
    if not expected:
        raise NotFound("Metrics are not enabled here (set ONEWINDOW_METRICS_TOKEN).")
    scheme, _, offered = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered.encode(),
                                                              expected.encode()):
        raise Unauthorized("The metrics token is required.",
                           headers={"WWW-Authenticate": 'Bearer realm="metrics"'})


def metrics_router() -> APIRouter:
    """`GET /ops/metrics`: the Prometheus text, for a bearer of the operator's metrics token."""
    router = APIRouter(tags=["operations"], include_in_schema=False)

    @router.get(METRICS_PATH)
    async def metrics(request: Request) -> Response:
        """Every metric of this process, in Prometheus' text format."""
        _check_token(request)
        body = await run_in_threadpool(generate_latest, REGISTRY)
        return Response(body, media_type=CONTENT_TYPE_LATEST,
                        headers={"Cache-Control": "no-store"})

    return router

