"""The layout of the matter standard for any caller: it is not secret, and rarely changes."""

import hashlib
from typing import Annotated

from fastapi import APIRouter, Header, Response

from catalog.layout.schemas import LayoutRead, layout_read
from kit.auth import PrincipalDep

router = APIRouter(prefix="/api/catalog/v1/standard", tags=["layout"])
BODY = layout_read().model_dump_json().encode()
# The layout changes only with a release: the ETag is its content's digest, so every replica
# of the catalog gives the same one; a cache may reuse it for a while and revalidate cheaply.
HEADERS = {"ETag": f'"{hashlib.sha256(BODY).hexdigest()[:32]}"',
           "Cache-Control": "public, max-age=300, stale-if-error=604800"}


def _matches(if_none_match: str | None, etag: str) -> bool:
    """True when an If-None-Match header names `etag` (or `*`); weak tags compare equal."""
    tags = [t.strip() for t in (if_none_match or "").split(",")]
    return any(t == "*" or t.removeprefix("W/") == etag for t in tags)


@router.get("/layout", response_model=LayoutRead)
def layout(_: PrincipalDep, if_none_match: Annotated[str | None, Header()] = None) -> Response:
    """Sections and elements of the matter standard with their kinds, labels, help and choices;
    304 when the caller's copy is current."""
    if _matches(if_none_match, HEADERS["ETag"]):
        return Response(status_code=304, headers=HEADERS)
    return Response(BODY, media_type="application/json", headers=HEADERS)
