"""Each service's audit trail as the audit administrator's page reads it (read-only)."""

from typing import Any

from gateway.clients.base import Answer, Link, read

PARTS = ("catalog", "intake", "review", "publish")


class Entry(Answer):
    """One audit entry: when, who (actor, role, address), the request, what, the outcome."""

    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str
    role: str | None = None
    address: str | None = None
    request_id: str | None = None
    outcome: str | None = None


class Entries(Answer):
    """A page of one part's trail, newest first, and how many entries match."""

    items: list[Entry]
    total: int


async def trail(link: Link, part: str, filters: dict[str, Any], *, limit: int) -> Entries:
    """One service's entries matching `filters` (actor, action prefix, outcome, since,
    until), newest first."""
    params = {k: v for k, v in filters.items() if v} | {"limit": limit}
    return await read(link, Entries, part, f"/api/{part}/v1/audit", params=params)
