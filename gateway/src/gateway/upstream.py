"""The four services behind the gateway: mounted in-process (embedded) or over the network."""

import importlib
from collections import Counter
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, replace
from functools import partial
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
# content-length too: the body passes on byte for byte (neither client decompresses it).
FORWARDED_RESPONSE_HEADERS = ("content-type", "content-length", "etag", "retry-after",
                              "location", "content-disposition", "cache-control", "vary")


def passed_on(headers: Any) -> list[tuple[bytes, bytes]]:
    """The upstream response headers the gateway passes on, as ASGI sends them."""
    return [(h.encode(), v.encode("latin-1")) for h in FORWARDED_RESPONSE_HEADERS
            if (v := headers.get(h))]


@dataclass(frozen=True)
class Answer:
    """A service's answer as the proxy passes it on; `read()` is its body's next piece, b""
    once it is all read."""

    status: int
    headers: list[tuple[bytes, bytes]]
    read: Callable[[], Awaitable[bytes]]


async def unbroken(read: Callable[[], Awaitable[bytes]]) -> bytes:
    """`read()`, a broken connection said as httpx says it (what the proxy answers 503 to)."""
    try:
        return await read()
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise httpx.ReadError(f"the answer broke off: {exc!r}") from exc


class Upstreams:
    """One HTTP client to every service, each call with a signed token of its caller (minted
    once, reused until half its life has passed: `kit.auth.minted`).

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

    @asynccontextmanager
    async def forward(self, service: str, method: str, path: str, principal: Principal,
                      headers: dict[str, str],
                      body: AsyncIterable[bytes] | bytes | None) -> AsyncIterator[Answer]:
        """Pass a request on as `principal`, its body streamed (sent as it is read); the
        answer's body is read piece by piece (`Answer.read`) while this is open."""
        if self.session is None:  # call() counts it
            response = await self.call(service, method, path, principal, headers=headers,
                                       content=body, stream=True)
            pieces = response.aiter_raw()
            try:
                yield Answer(response.status_code, passed_on(response.headers),
                             lambda: anext(pieces, b""))
            finally:
                await response.aclose()
            return
        r = await self._request(service, method, path, principal, headers, body)
        try:
            yield Answer(r.status, passed_on(r.headers), partial(unbroken, r.content.readany))
        finally:
            r.release()

    async def _request(self, service: str, method: str, path: str, principal: Principal,
                       headers: dict[str, str],
                       body: AsyncIterable[bytes] | bytes | None) -> aiohttp.ClientResponse:
        """The answer of `service` (its head read) through aiohttp, the replicas in turn."""
        assert self.session is not None, "upstreams not started"
        self.calls[service] += 1
        for turn in range(self.replica_count(service)):
            try:
                return await self.session.request(method, self.url(service, path), data=body,
                                                  headers=self.headers(principal, headers))
            except aiohttp.ClientConnectorError as exc:  # not sent: the next replica may take it
                if turn + 1 == self.replica_count(service):
                    raise httpx.ConnectError(f"{service} unreachable: {exc!r}") from exc
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise httpx.ConnectError(f"{service} unreachable: {exc!r}") from exc
        raise AssertionError("unreachable")  # the loop returns or raises

    async def call(self, service: str, method: str, path: str, principal: Principal,
                   headers: dict[str, str] | None = None, stream: bool = False,
                   **kwargs: Any) -> httpx.Response:
        """Call `service` as `principal` (`stream`: the body left unread, close the response)."""
        assert self.client is not None, "upstreams not started"
        self.calls[service] += 1
        for turn in range(self.replica_count(service)):
            try:
                outgoing = self.client.build_request(method, self.url(service, path),
                                                     headers=self.headers(principal, headers),
                                                     **kwargs)
                return await self.client.send(outgoing, stream=stream)
            except httpx.ConnectError:  # not sent: the next replica may take it
                if turn + 1 == self.replica_count(service):
                    raise
        raise AssertionError("unreachable")  # the loop returns or raises
