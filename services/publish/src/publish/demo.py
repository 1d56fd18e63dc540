"""Demo data of publish: none of its own, published matters arrive as catalog's events."""

from sqlalchemy.orm import Session


def load(session: Session) -> None:
    """Load the demo zone; a no-op, since the public read model is fed only by events."""
    del session
