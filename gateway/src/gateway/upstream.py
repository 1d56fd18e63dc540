"""The four services behind the gateway: mounted in-process (embedded) or over the network."""

import importlib
from collections import Counter
from contextlib import AsyncExitStack
from dataclasses import replace
from typing import Any

import aiohttp
import httpx

from gateway.config import SERVICES, GatewaySettings
from kit.audit import caller_var
from kit.auth import Principal, minted
from kit.http import HostRoutingTransport, make_client, replicas
from kit.logs import request_id_var

FORWARDED_REQUEST_HEADERS = ("content-type", "accept", "if-match", "if-none-match",
                             "idempotency-key", "accept-language")
FORWARDED_RESPONSE_HEADERS = ("content-type", "etag", "retry-after", "location",
                              "content-disposition", "cache-control", "vary")


def pick(headers: Any) -> dict[str, str]:
    """The upstream response headers the gateway passes on."""
    return {h: v for h in FORWARDED_RESPONSE_HEADERS if (v := headers.get(h))}


class Upstreams:
    """One HTTP client to every service, with a fresh signed token on each call.

    `calls` counts the calls made to each service (a test reads how many a page makes);
    `kept` holds the answers the clients reuse for a short while (`clients.base.kept`).
    """

    def __init__(self, settings: GatewaySettings) -> None:
        self.settings = settings
        self.client: httpx.AsyncClient | None = None
        self.session: aiohttp.ClientSession | None = None
        self.calls: Counter[str] = Counter()
        self.kept: dict[Any, tuple[float, Any]] = {}

    async def start(self, stack: AsyncExitStack) -> None:
        """Build the client; in embedded mode also create the service apps and run them."""
        transport = None
        if self.settings.mode == "embedded":
            transport = await self._mount(stack)
        elif self.settings.http_transport == "aiohttp":
            # Forwarding is the hot path: aiohttp directly, without httpx's request machinery.
            self.session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=200), auto_decompress=False,
                timeout=aiohttp.ClientTimeout(total=30, sock_connect=5))
            stack.push_async_callback(self.session.close)
        self.client = make_client(transport, self.settings.http_transport)
        stack.push_async_callback(self.client.aclose)

    async def _mount(self, stack: AsyncExitStack) -> HostRoutingTransport:
        routing = HostRoutingTransport({})
        shared = {"database_url": self.settings.database_url,
                  "token_secret": self.settings.token_secret,
                  "log_level": self.settings.log_level,
                  "relay_interval": self.settings.relay_interval,
                  "max_upload_mb": self.settings.max_upload_mb,
                  "relay_max_attempts": self.settings.relay_max_attempts,
                  "metrics_token": self.settings.metrics_token}
        for name in SERVICES:
            main = importlib.import_module(f"{name}.main")
            config = importlib.import_module(f"{name}.config")
            settings_class = getattr(config, f"{name.capitalize()}Settings")
            app = main.create_app(settings_class(**shared), transport=routing)
            await stack.enter_async_context(app.router.lifespan_context(app))
            routing.routes[name] = httpx.ASGITransport(app=app)
        return routing

    def replica_count(self, service: str) -> int:
        """How many replicas of `service` the settings list (1 for a URL that is no service's)."""
        return len(replicas(self.settings.service_bases(service))) if service in SERVICES else 1

    def url(self, service: str, path: str) -> str:
        base = self.settings.service_url(service) if service in SERVICES else service
        return base.rstrip("/") + path

    def headers(self, principal: Principal, extra: dict[str, str] | None = None) -> dict[str, str]:
        # The person's address travels signed, for the services' audit entries.
        named = caller_var.get()
        address = named.address if named else ""
        token = minted(replace(principal, address=address), self.settings.token_secret)
        headers = {"Authorization": f"Bearer {token}", "X-Request-ID": request_id_var.get()}
        return {**headers, **(extra or {})}

    async def forward(self, service: str, method: str, path: str, principal: Principal,
                      headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        """Pass a request on as `principal`: (status, forwarded headers, body)."""
        if self.session is None:  # call() counts it
            response = await self.call(service, method, path, principal, headers=headers,
                                       content=body)
            return response.status_code, pick(response.headers), response.content
        self.calls[service] += 1
        for turn in range(self.replica_count(service)):
            try:
                async with self.session.request(
                        method, self.url(service, path), data=body or None,
                        headers=self.headers(principal, headers)) as r:
                    return r.status, pick(r.headers), await r.read()
            except aiohttp.ClientConnectorError as exc:  # not sent: the next replica may take it
                if turn + 1 == self.replica_count(service):
                    raise httpx.ConnectError(f"{service} unreachable: {exc!r}") from exc
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise httpx.ConnectError(f"{service} unreachable: {exc!r}") from exc
        raise AssertionError("unreachable")  # the loop returns or raises

    async def call(self, service: str, method: str, path: str, principal: Principal,
                   headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        """Call `service` as `principal`."""
        assert self.client is not None, "upstreams not started"
        self.calls[service] += 1
        for turn in range(self.replica_count(service)):
            try:
                return await self.client.request(method, self.url(service, path),
                                                 headers=self.headers(principal, headers),
                                                 **kwargs)
            except httpx.ConnectError:  # not sent: the next replica may take it
                if turn + 1 == self.replica_count(service):
                    raise
        raise AssertionError("unreachable")  # the loop returns or raises

    async def stream(self, service: str, path: str, principal: Principal) -> httpx.Response:
        """GET from `service` as `principal`, the body left unread (close the response)."""
        assert self.client is not None, "upstreams not started"
        self.calls[service] += 1
        outgoing = self.client.build_request("GET", self.url(service, path),
                                             headers=self.headers(principal))
        return await self.client.send(outgoing, stream=True)
