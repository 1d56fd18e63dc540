"""Demo data of intake: published matters arrive by catalog's events; the demo's closed cases
with their ratings, and complaints, are loaded here (intake.demo_feedback)."""

from sqlalchemy.orm import Session

from intake import demo_feedback


def load(session: Session) -> bool:
    """Load intake's demo data once (idempotent); False when it was there already."""
    return demo_feedback.load(session)
