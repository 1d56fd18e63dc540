"""Demo data of publish: none of its own, published matters arrive as catalog's events."""

from sqlalchemy.orm import Session


def load(session: Session) -> bool:
    """Load publish's demo data; there is none (the read model is fed only by events)."""
    del session
    return False
