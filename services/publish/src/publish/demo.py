"""Demo data of publish: published matters arrive as catalog's events; the briefings (简报)
are publish's own records."""

from sqlalchemy.orm import Session

from publish.briefings import demo as briefings


def load(session: Session) -> bool:
    """Load publish's own demo records (the read model itself is fed only by events)."""
    return briefings.load(session)
