"""Conditional reads: strong ETags, `If-None-Match` answered with 304, and the `Cache-Control`
of what anyone may read."""

import hashlib

from starlette.responses import Response

# What anyone may read and every reader sees the same: any cache keeps it for a few seconds,
# then serves it for a minute more while it asks again in the background.
PUBLIC = "public, max-age=10, stale-while-revalidate=60"


def strong_etag(body: bytes) -> str:
    """A strong ETag naming exactly these bytes."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """True when an `If-None-Match` header names `etag` (or `*`); a GET compares weakly, so
    `W/"x"` matches `"x"` (RFC 9110, 13.1.2)."""
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return any(t == "*" or t.removeprefix("W/") == etag for t in tags)


def conditional(body: bytes, *, etag: str, if_none_match: str | None, media_type: str,
                cache_control: str = PUBLIC) -> Response:
    """The body with its ETag, or a bodiless 304 when the client's copy is current; both say
    how long caches may keep it."""
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)
