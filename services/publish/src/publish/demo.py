"""Demo data of publish: published matters arrive as catalog's events; publish keeps only what
it owns itself (the briefings, search's synonyms, the working group's progress settings,
leaders' departments and notices)."""

from sqlalchemy.orm import Session

from publish.briefings import demo as briefings
from publish.progress import demo as progress_demo
from publish.search import demo as search_demo


def load(session: Session) -> bool:
    """Load publish's own demo records (the read model itself is fed only by events)."""
    loaded = [briefings.load(session), search_demo.load(session), progress_demo.load(session)]
    return any(loaded)
