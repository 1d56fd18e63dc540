"""Demo data of intake: none of its own; published matters arrive by catalog's events."""

from sqlalchemy.orm import Session


def load(session: Session) -> bool:
    """Load intake's demo data; there is none (idempotent), so nothing is ever loaded."""
    del session  # applications are filed by the demo accounts through the API
    return False
