"""Which representation a caller asked for, and the CPSV-AP export of a published document."""

from typing import Any

from sqlalchemy.orm import Session

from catalog.cpsv.export import MEDIA_TYPE, public_service
from catalog.models import Window

__all__ = ["MEDIA_TYPE", "prefers_jsonld", "public_service_of"]
JSON = "application/json"


def _quality(accept: str) -> dict[str, float]:
    """Media ranges of an Accept header with their q values."""
    ranges: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges[media.lower()] = max(q, ranges.get(media.lower(), 0.0))
    return ranges


def prefers_jsonld(accept: str | None) -> bool:
    """True when the caller names JSON-LD and ranks it above plain JSON (or level with a
    wildcard); no header, */*, application/json or an explicit tie keep the contract's JSON."""
    ranges = _quality(accept or "")
    linked = ranges.get(MEDIA_TYPE, 0.0)
    plain = ranges.get(JSON, ranges.get("application/*", ranges.get("*/*", 0.0)))
    return linked > 0 and (linked > plain or (linked == plain and JSON not in ranges))


def public_service_of(*, session: Session, document: dict[str, Any]) -> dict[str, Any]:
    """The CPSV-AP JSON-LD of a published contract document."""
    window = session.get(Window, document["window"])
    return public_service(document, window_name=window.name if window else document["window"])
