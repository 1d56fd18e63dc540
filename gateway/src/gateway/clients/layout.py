"""The catalog's layout of the matter standard, kept by the gateway: in memory for the pages,
revalidated with its ETag every few minutes, and its last good copy in the gateway's database so
a gateway that starts while the catalog is away still labels every standard it shows."""

import asyncio

import httpx
import structlog
from pydantic import ValidationError
from sqlalchemy import select

from gateway.models import LayoutCopy
from gateway.standard.layout import EMPTY, Layout, Reader
from gateway.upstream import Upstreams
from kit.auth import Principal
from kit.background import BackgroundLoop
from kit.clock import now
from kit.db import Database

log = structlog.get_logger()
PATH = "/api/catalog/v1/standard/layout"
READER = Principal(sub="service:gateway", name="gateway", roles=("public",))


class LayoutShelf(BackgroundLoop):
    """`layout` is the newest copy the gateway has (EMPTY before any); `refresh()` asks the
    catalog whether it changed."""

    name = "layout"

    def __init__(self, upstreams: Upstreams, db: Database, interval: float = 300.0) -> None:
        super().__init__(interval)
        self.upstreams, self.db = upstreams, db
        self.layout, self.etag = EMPTY, ""
        self._readers: dict[str, Reader] = {}

    def reader(self, lang: str) -> Reader:
        """The labels of the copy in hand, in `lang`."""
        found = self._readers.get(lang)
        if found is None or found.layout is not self.layout:
            found = self._readers[lang] = Reader(self.layout, lang)
        return found

    def load(self) -> None:
        """Take the copy kept in the database, if there is one."""
        with self.db.session(write=False) as session:
            copy = session.scalars(select(LayoutCopy)).first()
        if copy is not None:
            self.layout, self.etag = Layout.model_validate_json(copy.body), copy.etag

    async def refresh(self) -> bool:
        """Revalidate with the catalog; True when the copy in hand is current."""
        headers = {"If-None-Match": self.etag} if self.etag else {}
        try:
            response = await self.upstreams.call("catalog", "GET", PATH, READER, headers=headers)
        except httpx.TransportError as exc:
            log.warning("layout_unreachable", error=repr(exc))
            return False
        if response.status_code == 304:
            return True
        try:
            layout = Layout.model_validate_json(response.content)
        except ValidationError:
            log.warning("layout_refused", status=response.status_code)
            return False
        self.layout, self.etag = layout, response.headers.get("etag", "")
        await asyncio.to_thread(self._keep, response.text)
        return True

    def _keep(self, body: str) -> None:
        with self.db.session() as session:
            copy = session.get(LayoutCopy, 1) or LayoutCopy(id=1, etag="", body="")
            copy.etag, copy.body, copy.fetched_at = self.etag, body, now()
            session.add(copy)

    async def round(self) -> None:
        await self.refresh()
