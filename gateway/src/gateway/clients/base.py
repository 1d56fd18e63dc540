"""What every client shares: who calls, one error for a refusal, reading answers into models."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from time import monotonic
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ConfigDict

from gateway.upstream import Upstreams
from kit.auth import Principal

T = TypeVar("T")
# Lists that rarely change (departments, windows, review groups) are read again after this.
KEPT_SECONDS = 60.0


class Answer(BaseModel):
    """A service's answer as the gateway reads it: the fields pages use are typed, any other
    field passes through to the templates unchanged."""

    model_config = ConfigDict(extra="allow")


class Page(Answer):
    """One page of a longer list, and how many there are in all."""

    items: list[Answer]
    total: int


M = TypeVar("M", bound=Answer)


class ServiceError(Exception):
    """A service refused: its status, its problem+json `detail` and field `errors`."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, Any]] | None = None,
                 ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []

    @classmethod
    def of(cls, response: httpx.Response) -> "ServiceError":
        """The refusal a service answered with (problem+json, or whatever it sent)."""
        try:
            body = response.json()
        except ValueError:
            return cls(response.status_code, response.text[:300] or f"HTTP {response.status_code}")
        if not isinstance(body, dict):
            return cls(response.status_code, str(body))
        errors = [e for e in body.get("errors") or [] if isinstance(e, dict)]
        return cls(response.status_code, body.get("detail") or body.get("title") or "", errors)

    @property
    def reason(self) -> str:
        """The detail with each field error (`name: message`), as a page shows it."""
        parts = [self.detail] + [f"{'.'.join(str(x) for x in e.get('loc', [])[1:])}: "
                                 f"{e.get('msg')}" for e in self.errors]
        return "；".join(p for p in parts if p)


@dataclass(frozen=True)
class Link:
    """The way to the services for one visitor: the upstreams, and who is calling."""

    upstreams: Upstreams
    principal: Principal


async def send(link: Link, service: str, method: str, path: str,
               **kwargs: Any) -> httpx.Response:
    """Call `service` as the visitor; ServiceError when it refuses."""
    response = await link.upstreams.call(service, method, path, link.principal, **kwargs)
    if response.status_code >= 400:
        raise ServiceError.of(response)
    return response


async def read(link: Link, model: type[M], service: str, path: str, *, method: str = "GET",
               **kwargs: Any) -> M:
    """Call `service` and read its JSON answer as `model`."""
    return model.model_validate((await send(link, service, method, path, **kwargs)).json())


async def read_list(link: Link, model: type[M], service: str, path: str,
                    **kwargs: Any) -> list[M]:
    """GET a list from `service`, each item read as `model`."""
    items = (await send(link, service, "GET", path, **kwargs)).json()
    return [model.model_validate(item) for item in items]


async def kept(link: Link, key: str, fetch: Callable[[], Awaitable[T]]) -> T:
    """`fetch()`'s answer, reused for KEPT_SECONDS by callers with the same roles."""
    shelf = link.upstreams.kept
    entry = (key, link.principal.roles)
    found = shelf.get(entry)
    if found is not None and found[0] > monotonic():
        return found[1]  # type: ignore[no-any-return]  # stored by this function for this key
    answer = await fetch()
    shelf[entry] = (monotonic() + KEPT_SECONDS, answer)
    return answer


def forget(link: Link, key: str) -> None:
    """Drop what `kept` holds under `key` for every caller: the list has just changed."""
    shelf = link.upstreams.kept
    for entry in [e for e in shelf if e[0] == key]:
        shelf.pop(entry, None)


def segment(code: str) -> str:
    """A code as one path segment (nothing in it can reach another path)."""
    return quote(code, safe="")
