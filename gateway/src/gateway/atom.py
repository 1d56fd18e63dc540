"""The briefings' Atom 1.0 feed (RFC 4287), built as XML so every text is escaped."""

from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from markupsafe import escape

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(value: Any) -> str:
    """An RFC 3339 instant (the services send ISO 8601 with an offset)."""
    moment = datetime.fromisoformat(str(value))
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _html(briefing: Any) -> str:
    """The briefing's sections as HTML, each text escaped (the feed escapes it once more)."""
    parts = []
    for section in briefing.body.sections:
        parts.append(f"<h2>{escape(section['heading'])}</h2>")
        parts.extend(f"<p>{escape(p)}</p>" for p in section["paragraphs"])
    return "".join(parts)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def feed(*, base: str, title: str, author: str, briefings: list[Any]) -> bytes:
    """The feed of `briefings` (newest first), its links under `base` (the site's origin)."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _add(root, "id", f"{base}/briefings")
    _add(root, "title", title)
    _add(root, "updated", _stamp(briefings[0].published_at) if briefings
         else "2026-01-01T00:00:00+00:00")
    _add(root, "link", rel="self", href=f"{base}/briefings/feed.atom",
         type="application/atom+xml")
    _add(root, "link", rel="alternate", href=f"{base}/briefings", type="text/html")
    _add(_add(root, "author"), "name", author)
    for briefing in briefings:
        entry = _add(root, "entry")
        _add(entry, "id", f"{base}/briefings/{briefing.number}")
        _add(entry, "title", f"第{briefing.number}期 {briefing.title}")
        _add(entry, "updated", _stamp(briefing.published_at))
        _add(entry, "published", _stamp(briefing.published_at))
        _add(entry, "link", rel="alternate", href=f"{base}/briefings/{briefing.number}",
             type="text/html")
        _add(entry, "content", _html(briefing), type="html")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")
