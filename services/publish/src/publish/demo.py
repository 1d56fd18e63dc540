"""Demo data of publish: published matters arrive as catalog's events; publish keeps only what
it owns itself (the briefings, search's synonyms)."""

from sqlalchemy.orm import Session

from publish.briefings import demo as briefings
from publish.search import demo as search_demo


def load(session: Session) -> bool:
    """Load publish's own demo records (the read model itself is fed only by events)."""
    loaded = briefings.load(session)
    return search_demo.load(session) or loaded
