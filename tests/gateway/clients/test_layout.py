"""The catalog's layout as the gateway keeps it: fetched from the catalog, revalidated with its
ETag, its last good copy stored, and that copy used when the catalog does not answer."""

import httpx

from gateway.clients.layout import LayoutShelf
from gateway.config import GatewaySettings
from gateway.upstream import Upstreams
from kit.db import Database
from kit.migrations import upgrade
from tests.gateway.standard.documents import LAYOUT
from tests.loops import on_a_thread

BODY = LAYOUT.model_dump_json()
ETAG = '"layout-1"'


def shelf_with(tmp_path, answer) -> LayoutShelf:  # type: ignore[no-untyped-def]
    """A shelf on a migrated gateway database whose catalog answers with `answer`."""
    url = f"sqlite:///{tmp_path}"
    upgrade("gateway", url)
    upstreams = Upstreams(GatewaySettings(mode="distributed"))
    upstreams.client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    return LayoutShelf(upstreams, Database(url, "gateway"))


def test_a_layout_fetched_once_is_revalidated_with_its_etag_and_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str | None] = []

    def catalog(request: httpx.Request) -> httpx.Response:
        asked.append(request.headers.get("if-none-match"))
        if request.headers.get("if-none-match") == ETAG:
            return httpx.Response(304, headers={"ETag": ETAG})
        return httpx.Response(200, content=BODY, headers={"ETag": ETAG})

    shelf = shelf_with(tmp_path, catalog)
    assert on_a_thread(shelf.refresh()) and on_a_thread(shelf.refresh())
    assert asked == [None, ETAG]  # the second time, a 304 and no body
    assert shelf.reader("zh").label("consultation.phone") == "咨询电话"
    assert shelf.reader("en").choice("matter_type", "01") == "Administrative licensing"

    restarted = shelf_with(tmp_path, catalog)
    restarted.load()  # a gateway starting again reads the kept copy before asking
    assert restarted.etag == ETAG and restarted.layout == LAYOUT


def test_a_gateway_starting_while_the_catalog_is_away_labels_from_the_kept_copy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    shelf = shelf_with(tmp_path, lambda _: httpx.Response(200, content=BODY,
                                                          headers={"ETag": ETAG}))
    assert on_a_thread(shelf.refresh())

    def away(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("catalog unreachable", request=request)

    restarted = shelf_with(tmp_path, away)
    restarted.load()
    assert not on_a_thread(restarted.refresh())  # the catalog is away: the kept copy stays
    assert restarted.reader("zh").row("materials", 2) == "材料 2"

    broken = shelf_with(tmp_path, lambda _: httpx.Response(200, content=b"<html>oops</html>"))
    broken.load()
    assert not on_a_thread(broken.refresh())  # an answer that is no layout replaces nothing
    assert broken.layout == LAYOUT


def test_without_any_copy_a_label_shows_its_path_rather_than_failing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    def away(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("catalog unreachable", request=request)

    shelf = shelf_with(tmp_path, away)
    shelf.load()
    assert not on_a_thread(shelf.refresh())
    assert shelf.reader("zh").label("materials.name") == "materials.name"
