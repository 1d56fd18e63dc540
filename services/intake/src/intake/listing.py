"""The lines of a list of applications, at the cost of a page whatever the table's size: the
pinned versions' cards kept in memory (a pinned version never changes once stored), the
clocks of the accepted cases read in one query, the files and co-handling departments in one
query each."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import joint, ledger, repository
from intake.identity import IdentityKeys
from intake.models import Application, MatterVersion
from intake.schemas import ApplicationListed, MaterialOut, PinnedVersion
from intake.supervision import colours
from intake.views import application_summary, decision, metadata_only, pinned
from kit.auth import Principal
from kit.clock import china_today

KEPT = 2_000  # cards kept at most; the demo zone pins a few dozen versions

# A pinned version by its id and the moment it was stored: a database emptied and filled
# again (tests, a restore) stores new rows at other moments, so a card never outlives its row.
Key = tuple[int, datetime]


@dataclass(frozen=True)
class Card:
    """What a line of a list shows of its pinned version."""

    name: str
    committed_limit: int
    limit_unit: str
    pinned: PinnedVersion


_cards: dict[Key, Card] = {}


def cards(*, session: Session, keys: set[Key]) -> dict[Key, Card]:
    """The cards of the pinned versions `keys`, those not kept yet read in one query."""
    found = {key: card for key in keys if (card := _cards.get(key)) is not None}
    missing = {key[0] for key in keys if key not in found}
    if missing:
        if len(_cards) > KEPT:
            _cards.clear()
        for version in session.scalars(select(MatterVersion)
                                       .where(col(MatterVersion.id).in_(missing))):
            card = Card(name=version.name, committed_limit=version.committed_limit,
                        limit_unit=version.limit_unit, pinned=pinned(version))
            found[(version.id or 0, version.received_at)] = _cards[
                (version.id or 0, version.received_at)] = card
    return found


def colours_of(*, session: Session, accepted: list[tuple[Application, Card]]) -> dict[int, Any]:
    """The supervision colour of each accepted case, their ledgers read in one query (the
    cards carry the limits)."""
    if not accepted:
        return {}
    today = china_today()
    found = ledger.readings(session=session, applications=[a for a, _ in accepted], today=today,
                            pinned={(a.implementation_code, a.version): c for a, c in accepted})
    return {i: colours.colour(reading, today=today) for i, reading in found.items()}


def applications_listed(*, session: Session, rows: list[Any], keys: IdentityKeys,
                        principal: Principal | None = None) -> list[ApplicationListed]:
    """Lines of a list with what the queues' cards show, from rows of (application, pinned
    version's id, its stored moment, seen in full); a line the caller oversees only keeps
    its metadata and timeliness."""
    found = cards(session=session, keys={(row[1], row[2]) for row in rows})
    shown = [(row[0], found[(row[1], row[2])], row[3]) for row in rows]
    files = repository.materials_of(session=session,
                                    application_ids=[a.id or 0 for a, _, full in shown if full])
    handles = principal is not None and principal.has(*joint.HANDLERS)
    co = joint.shown(session=session, application_ids=[a.id or 0 for a, _, _ in shown],
                     full=handles)
    colour = colours_of(session=session,
                        accepted=[(a, card) for a, card, _ in shown if a.state == "accepted"])
    listed = [ApplicationListed(
        **application_summary(application, card.name, keys=keys).model_dump(),
        note=application.note, accepted_at=application.accepted_at, matter=card.pinned,
        materials=[MaterialOut.model_validate(m._asdict())
                   for m in files.get(application.id or 0, [])],
        decision=decision(application), joint=co.get(application.id or 0, []),
        colour=colour.get(application.id or 0))
        for application, card, _ in shown]
    return [line if full else metadata_only(line)
            for line, (_, _, full) in zip(listed, shown, strict=True)]
