"""HTTP between parts: one client per part, the transport chosen by settings or injected."""

import itertools

import httpx
from httpx_aiohttp import AiohttpTransport

TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class HostRoutingTransport(httpx.AsyncBaseTransport):
    """Sends each request to the transport registered for its host (embedded mode)."""

    def __init__(self, routes: dict[str, httpx.AsyncBaseTransport],
                 fallback: httpx.AsyncBaseTransport | None = None) -> None:
        self.routes = routes
        self.fallback = fallback

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self.routes.get(request.url.host) or self.fallback
        if transport is None:
            raise httpx.ConnectError(f"no route to {request.url.host}", request=request)
        return await transport.handle_async_request(request)


def network_transport(kind: str) -> httpx.AsyncBaseTransport:
    """aiohttp's connection handling behind the httpx API, or httpx's own pool."""
    if kind == "httpx":
        return httpx.AsyncHTTPTransport()
    return AiohttpTransport(limits=httpx.Limits(max_connections=200))


def make_client(transport: httpx.AsyncBaseTransport | None, kind: str = "aiohttp",
                base_url: str = "") -> httpx.AsyncClient:
    """An AsyncClient on `transport` (embedded) or a network transport of `kind`."""
    return httpx.AsyncClient(transport=transport or network_transport(kind), base_url=base_url,
                             timeout=TIMEOUT)


_TURNS: dict[str, "itertools.count[int]"] = {}


def replicas(bases: str) -> list[str]:
    """The base URLs of a part's replicas, from a setting that lists them comma-separated."""
    return [base.strip() for base in bases.split(",") if base.strip()]


def spread(bases: str) -> str:
    """One of the comma-separated base URLs of a part's replicas, each in turn (a single URL
    — a load balancer, or a Kubernetes Service — is returned as it is)."""
    if "," not in bases:
        return bases
    urls = replicas(bases)
    return urls[next(_TURNS.setdefault(bases, itertools.count())) % len(urls)]
