"""Demo data of intake: published matters arrive by catalog's events; the butler's mandate
and project (intake.demo_butler), the demo's closed cases with their ratings, and complaints
(intake.demo_feedback) are loaded here."""

from sqlalchemy.orm import Session

from intake import demo_butler, demo_feedback


def load(session: Session) -> bool:
    """Load intake's demo data once (idempotent); False when it was there already."""
    butler = demo_butler.load(session)
    feedback = demo_feedback.load(session)
    return butler or feedback
