"""Publish's briefings (简报) as the pages use them: the public archive and feed, the staff's
drafts and their steps."""

from typing import Any

from gateway.clients.base import Answer, Link, read

SERVICE = "publish"
API = "/api/publish/v1"

BRIEFINGS = f"{API}/briefings"


class BriefingBody(Answer):
    """A briefing's text: sections, each a `heading` and its `paragraphs`."""

    sections: list[dict[str, Any]]


class Briefing(Answer):
    """A briefing: its number once published, title, period, state and sections of text."""

    id: int
    number: int | None
    title: str
    state: str
    body: BriefingBody


class Briefings(Answer):
    """A list of briefings (the archive's lines, or whole briefings)."""

    items: list[Answer]


async def briefing_archive(link: Link) -> list[Answer]:
    """The published briefings, newest 第N期 first (number, title, period, date)."""
    return (await read(link, Briefings, SERVICE, BRIEFINGS)).items


class WholeBriefings(Answer):
    """Whole briefings, each with its sections."""

    items: list[Briefing]


async def briefing_feed(link: Link) -> list[Briefing]:
    """The latest published briefings, whole, for the Atom feed."""
    return (await read(link, WholeBriefings, SERVICE, f"{BRIEFINGS}/feed")).items


async def published_briefing(link: Link, number: int) -> Briefing:
    """The published briefing 第`number`期."""
    return await read(link, Briefing, SERVICE, f"{BRIEFINGS}/{number}")


async def briefing_drafts(link: Link) -> list[Briefing]:
    """Briefings not yet published (staff)."""
    return (await read(link, WholeBriefings, SERVICE, f"{BRIEFINGS}/drafts")).items


async def briefing(link: Link, briefing_id: int) -> Briefing:
    """Any briefing by its id (staff)."""
    return await read(link, Briefing, SERVICE, f"{BRIEFINGS}/drafts/{briefing_id}")


async def draft_briefing(link: Link, body: dict[str, Any]) -> Briefing:
    """A new briefing for a period, from the template."""
    return await read(link, Briefing, SERVICE, f"{BRIEFINGS}/drafts", method="POST", json=body)


async def save_briefing(link: Link, briefing_id: int, body: dict[str, Any]) -> Briefing:
    """Save a draft's title and sections."""
    return await read(link, Briefing, SERVICE, f"{BRIEFINGS}/drafts/{briefing_id}",
                      method="PUT", json=body)


async def move_briefing(link: Link, briefing_id: int, step: str,
                        body: dict[str, Any] | None = None) -> Briefing:
    """Submit, approve, return (with `{"reason"}`) or publish a briefing."""
    return await read(link, Briefing, SERVICE, f"{BRIEFINGS}/drafts/{briefing_id}/{step}",
                      method="POST", json=body)
