"""Demo data of intake: published matters arrive by catalog's events; the butler's mandate
and project are loaded here (intake.demo_butler)."""

from sqlalchemy.orm import Session

from intake import demo_butler


def load(session: Session) -> bool:
    """Load intake's demo data once; False when it was there already."""
    return demo_butler.load(session)
