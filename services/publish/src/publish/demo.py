"""Demo data of publish: the read model comes as catalog's events; publish keeps only what
it owns itself (search's synonyms)."""

from sqlalchemy.orm import Session

from publish.search import demo as search_demo


def load(session: Session) -> bool:
    """Load publish's own demo data (the read model is fed only by events)."""
    return search_demo.load(session)
