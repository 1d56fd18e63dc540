"""The demo zone's year of standardization, told to publish as back-dated
`matter_version.state_changed` events that end where the catalog stands: every matter's
versions drafted, submitted, reviewed (a few returned twice), approved and published over the
past twelve months; 卫生健康局 started a revision of two matters and stalled.

Review's demo tells the same rounds' workload with the same rule (`returns`)."""

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.demo_data import DEPARTMENTS, MATTERS
from catalog.matters import repository, service
from catalog.matters.state_events import EVENT, payload
from catalog.models import Matter, outbox
from kit.auth import Principal
from kit.clock import CHINA, china_today
from kit.outbox import emit

TWICE = {7, 15, 24}  # returned twice before approval
STALLED = (28, 29)  # 卫生健康局's revisions, drafted and left
STALLED_DAYS = 45
# Per department (index in DEPARTMENTS): its matters published between these many days ago.
PACE = {0: (300, 120), 1: (330, 200), 2: (280, 60), 3: (320, 150), 4: (250, 30), 5: (200, 20),
        6: (270, 230)}


def returns(index: int) -> int:
    """How many times the demo matter `index` was returned on its way to approval."""
    return 2 if index in TWICE else int(index % 4 == 0)


def _moment(days_ago: float, index: int) -> datetime:
    day = china_today() - timedelta(days=int(days_ago))
    return datetime.combine(day, time(9, 30), tzinfo=CHINA) + timedelta(minutes=index)


def journey(index: int, published_ago: int) -> list[tuple[str, int]]:
    """The states of the matter's current version with how many days ago each was reached."""
    total = 32 + 18 * returns(index)
    published_ago = min(published_ago, 364 - total)
    ago, steps = published_ago + total, [("draft", 0), ("submitted", 20), ("in_review", 1)]
    steps += [("returned", 10), ("submitted", 7), ("in_review", 1)] * returns(index)
    steps += [("approved", 8), ("published", 3)]
    dated = []
    for state, wait in steps:
        ago -= wait
        dated.append((state, ago))
    return dated


def _published_ago(index: int) -> int:
    department = MATTERS[index - 1][2]
    mine = [i for i, spec in enumerate(MATTERS, start=1) if spec[2] == department]
    early, late = PACE[department]
    position = mine.index(index) / max(len(mine) - 1, 1)
    return round(early - (early - late) * position)


def _tell(session: Session, matter: Matter, version: int, moves: list[tuple[str, datetime]],
          ) -> None:
    code, name = DEPARTMENTS[MATTERS[_index(matter) - 1][2]]
    before = None
    for to, at in moves:
        emit(session, outbox, event_type=EVENT, destinations=["publish"], payload=payload(
            matter=matter, version=version, department=(code, name), before=before, to=to,
            at=at))
        before = to


def _index(matter: Matter) -> int:
    return int(matter.implementation_code.rsplit("-", 1)[1])


def emit_history(session: Session, *, earlier: datetime, actor: Principal) -> None:
    """Tell publish the year behind each demo matter; start the stalled revisions."""
    for matter in session.scalars(select(Matter).order_by(col(Matter.id))):
        index = _index(matter)
        versions = repository.versions_of(session=session, matter=matter)
        current = matter.current_version or 1
        if current > 1:
            _tell(session, matter, 1, [("approved", earlier), ("published", earlier)])
        moves = [(s, _moment(ago, index)) for s, ago in journey(index, _published_ago(index))]
        _tell(session, matter, current, moves)
        if current > 1:
            _tell(session, matter, 1, [("superseded", moves[-1][1] - timedelta(seconds=1))])
        for row in versions:
            if row.version > current:  # the demo's scheduled cut
                _tell(session, matter, row.version, [
                    (s, _moment(ago, index)) for s, ago in (
                        ("draft", 20), ("submitted", 15), ("in_review", 14), ("approved", 7),
                        ("scheduled", 6))])
        if index in STALLED:
            row = service.new_version(session=session, matter=matter, actor=actor)
            row.updated_at = _moment(STALLED_DAYS, index)
            session.flush()
            _tell(session, matter, row.version, [("draft", row.updated_at)])
