"""What the printed guide adds to the page: the QR code back to the online guide, and who may
open the staff business handbook."""

from functools import lru_cache
from urllib.parse import quote

import segno
from fastapi import Request
from markupsafe import Markup

# The zone's staff (not the public or applicants) read each matter's business handbook.
HANDBOOK_READERS = ("editor", "approver", "clerk", "reviewer", "lead", "supervisor", "admin",
                    "leader", "publisher")


def guide_address(request: Request, code: str) -> str:
    """The online guide's address as visitors reach it (the public origin when one is set)."""
    origin = request.app.state.settings.public_origin or str(request.base_url)
    return f"{origin.rstrip('/')}/guides/{quote(code, safe='')}"


@lru_cache(maxsize=4096)  # one per guide and language: drawing one costs ~10 ms
def qr_code(address: str, *, title: str) -> Markup:
    """A QR code of `address` as inline SVG (scales with its box, prints sharp)."""
    svg = segno.make(address, error="m").svg_inline(
        scale=3, dark="#000", light="#fff", title=title, svgclass="qr", omitsize=True)
    return Markup(svg)  # segno's own markup; the address and title are escaped by segno
