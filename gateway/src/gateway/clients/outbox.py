"""The dead letters of every service that sends events (the same operations on each)."""

from datetime import datetime
from typing import Any

from gateway.clients.base import Answer, Link, read_list, segment, send

# The services with an outbox, and the API prefix each serves its dead letters under.
SENDERS = {"catalog": "/api/catalog/v1", "intake": "/api/intake/v1", "review": "/api/review/v1"}


class DeadLetter(Answer):
    """An event a service's relay parked, with the destination's last answer."""

    id: str
    type: str
    destination: str
    created_at: datetime
    parked_at: datetime
    attempts: int
    last_error: str | None = None
    payload: dict[str, Any] = {}


async def dead_letters(link: Link, service: str) -> list[DeadLetter]:
    """The service's parked events, oldest first."""
    return await read_list(link, DeadLetter, service,
                           f"{SENDERS[service]}/admin/dead-letters")


async def retry(link: Link, service: str, letter_id: str) -> None:
    """Send a parked event again."""
    await send(link, service, "POST",
               f"{SENDERS[service]}/admin/dead-letters/{segment(letter_id)}/retry")


async def discard(link: Link, service: str, letter_id: str) -> None:
    """Give a parked event up for good."""
    await send(link, service, "DELETE",
               f"{SENDERS[service]}/admin/dead-letters/{segment(letter_id)}")
